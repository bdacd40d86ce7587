/**
 * A profile from a kernel .config (its text; reading the file is the caller's job).
 * Modelled: the arch and page size, NR_CPUS/SMP (CPU count bound), ARCH_FORCE_MAX_ORDER,
 * SLUB_TINY, RANDOM_KMALLOC_CACHES, MEMCG, ZONE_DMA. Options that change real placement but are
 * not modelled are listed back to the user, never silently ignored.
 */
import { EngineError } from './errors.js';
import { DEFAULT_NR_CPUS, type ProfileOptions } from './profile.js';

export interface ConfigFinding {
  readonly option: string;
  readonly value: string;
  readonly effect: string;
}

export interface ConfigProfile {
  readonly profileName: string;
  readonly options: ProfileOptions;
  /** From the "# Linux/x86 6.18.0 Kernel Configuration" header, when present. */
  readonly kernel: string | null;
  /** Options that changed the answer, and how. */
  readonly applied: readonly ConfigFinding[];
  /** Options set that change real placement but that the engine does not model. */
  readonly notModelled: readonly ConfigFinding[];
}

/** Set options the engine reads but does not model, and what they would change. */
const NOT_MODELLED: Readonly<Record<string, string>> = {
  CONFIG_KASAN: 'KASAN metadata grows s->size, so objects per slab and slab orders change',
  CONFIG_SLUB_DEBUG_ON: 'red zones and tracking grow s->size and force the slow path',
  CONFIG_KFENCE: 'sampled allocations go to the KFENCE pool instead of the slab',
  CONFIG_PREEMPT_RT: 'spinlock_t sleeps on PREEMPT_RT, so GFP_KERNEL under a SpinLock is not an atomic-context bug there',
  CONFIG_RUST_INLINE_HELPERS: 'the rust_helper_* shims are inlined into Rust (the chain keeps them as frames)',
  CONFIG_DEBUG_PAGEALLOC: 'with debug_pagealloc=on at boot, slub_max_order becomes 0',
  CONFIG_NUMA: 'nodes are not modelled: every allocation is NUMA_NO_NODE on one node',
  CONFIG_INIT_ON_ALLOC_DEFAULT_ON: 'changes zeroing only, not placement',
};

// A regex over one .config line (KEY=value), not over Rust.
const LINE = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/;
const HEADER = /^#\s*Linux\/\S+\s+(\d+\.\d+(?:\.\d+)?(?:-rc\d+)?)\S*\s+Kernel Configuration/;

export function parseKernelConfig(text: string): ConfigProfile {
  const values = new Map<string, string>();
  let kernel: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = HEADER.exec(line);
    if (header) kernel = header[1]!;
    const m = LINE.exec(line);
    if (m) values.set(m[1]!, m[2]!.replace(/^"(.*)"$/, '$1'));
  }
  if (values.size === 0) {
    throw new EngineError('invalid-config', 'no CONFIG_ lines found: is this a kernel .config file?');
  }
  const on = (name: string) => values.get(name) === 'y';
  const applied: ConfigFinding[] = [];
  const note = (option: string, effect: string) => applied.push({ option, value: values.get(option) ?? 'n', effect });

  let profileName: string;
  if (on('CONFIG_X86_64')) {
    profileName = 'x86_64';
    note('CONFIG_X86_64', 'profile x86_64 (4 KiB pages)');
  } else if (on('CONFIG_ARM64')) {
    const page = on('CONFIG_ARM64_64K_PAGES') ? '64k' : on('CONFIG_ARM64_16K_PAGES') ? '16k' : '4k';
    profileName = `arm64-${page}`;
    note(`CONFIG_ARM64_${page.toUpperCase()}_PAGES`, `profile ${profileName}`);
  } else {
    throw new EngineError('invalid-config', 'this .config is neither x86_64 (CONFIG_X86_64=y) nor arm64 (CONFIG_ARM64=y); kalloc-lens models those two');
  }

  const options: { -readonly [K in keyof ProfileOptions]: ProfileOptions[K] } = {};
  if (!on('CONFIG_SMP')) {
    options.nrCpus = 1;
    note('CONFIG_SMP', 'not set: one CPU, so calculate_order() uses min_objects for 1 CPU');
  } else if (values.has('CONFIG_NR_CPUS')) {
    const nr = Number(values.get('CONFIG_NR_CPUS'));
    if (!Number.isInteger(nr) || nr < 1) throw new EngineError('invalid-config', `CONFIG_NR_CPUS=${values.get('CONFIG_NR_CPUS')} is not a CPU count`);
    if (nr < DEFAULT_NR_CPUS) {
      options.nrCpus = nr;
      note('CONFIG_NR_CPUS', `caps the CPUs SLUB sees at ${nr}`);
    } else {
      note('CONFIG_NR_CPUS', `allows up to ${nr} CPUs; slab orders use ${DEFAULT_NR_CPUS} unless --nr-cpus gives the machine's count (a .config does not say how many are present)`);
    }
  }
  if (values.has('CONFIG_ARCH_FORCE_MAX_ORDER')) {
    const order = Number(values.get('CONFIG_ARCH_FORCE_MAX_ORDER'));
    if (!Number.isInteger(order)) throw new EngineError('invalid-config', `CONFIG_ARCH_FORCE_MAX_ORDER=${values.get('CONFIG_ARCH_FORCE_MAX_ORDER')} is not an order`);
    options.maxPageOrder = order;
    note('CONFIG_ARCH_FORCE_MAX_ORDER', `MAX_PAGE_ORDER ${order}, so KMALLOC_MAX_SIZE is PAGE_SIZE << ${order}`);
  }
  options.slubTiny = on('CONFIG_SLUB_TINY');
  if (options.slubTiny) note('CONFIG_SLUB_TINY', 'no kmalloc-rcl-* caches, slub_max_order 1, no per-CPU caching');
  options.randomKmallocCaches = on('CONFIG_RANDOM_KMALLOC_CACHES');
  if (options.randomKmallocCaches) note('CONFIG_RANDOM_KMALLOC_CACHES', 'normal kmalloc lands in one of 16 copies (kmalloc-rnd-NN-*), chosen per call site and boot');
  options.memcg = on('CONFIG_MEMCG');
  note('CONFIG_MEMCG', options.memcg ? 'GFP_KERNEL_ACCOUNT lands in kmalloc-cg-*' : 'not set: GFP_KERNEL_ACCOUNT lands in kmalloc-*');
  options.zoneDma = on('CONFIG_ZONE_DMA');
  if (!options.zoneDma) note('CONFIG_ZONE_DMA', 'not set: __GFP_DMA does not select dma-kmalloc-*');

  const notModelled: ConfigFinding[] = [];
  for (const [option, effect] of Object.entries(NOT_MODELLED)) {
    if (on(option)) notModelled.push({ option, value: 'y', effect });
  }
  if (!on('CONFIG_RUST')) notModelled.push({ option: 'CONFIG_RUST', value: 'n', effect: 'Rust is not enabled in this .config: no Rust allocation sites are built' });
  return { profileName, options, kernel, applied, notModelled };
}
