/**
 * Rust wrappers and direct C calls that take pages: the page allocator (Page::alloc_page,
 * bindings::alloc_pages, bindings::__get_free_pages) and DMA coherent memory (dma::Coherent,
 * CoherentBox, CoherentHandle, the older CoherentAllocation, bindings::dma_alloc_attrs).
 *
 * Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf): rust/kernel/page.rs:180 Page::alloc_page →
 * bindings::alloc_pages(flags, 0); rust/helpers/page.c rust_helper_alloc_pages → alloc_pages();
 * rust/kernel/dma.rs:706 Coherent::alloc_with_attrs (size_of::<T>()), :816 alloc_slice_with_attrs
 * (size_of::<T>() × len, EINVAL for len 0), :763–:939 the public zeroed/init/from_slice
 * constructors (zeroed adds __GFP_ZERO), :412–:531 CoherentBox, :1049 CoherentHandle::alloc_with_attrs
 * (DMA_ATTR_NO_KERNEL_MAPPING always set); kernel/dma/*.c as in kernel-api-c-tails.ts.
 * CoherentAllocation::alloc_coherent(dev, count, gfp) is the older form: absent in 6.14.0, present in
 * 6.18.2 and 7.0.0 (dma.rs:441), gone in 7.1.5, where the type is dma::Coherent. Releases: each row's
 * sinceRead (kernel-api-since.ts).
 */
import type { KernelRules } from '../kernel-changes.js';
import { ffiFrame, rustFrame, type ChainFrame } from './chain-frame.js';
import { allocPagesFrames, dmaDirectFrames, getFreePagesFrames } from './kernel-api-c-tails.js';
import type { KernelApiInput, KernelApiLeaf, KernelApiRow } from './kernel-api-row.js';
import { SINCE_READINGS } from './kernel-api-since.js';

const PAGE_RS = 'rust/kernel/page.rs';
const DMA_RS = 'rust/kernel/dma.rs';
const BINDINGS = 'rust/bindings/bindings_generated.rs';
const HELPERS_PAGE = 'rust/helpers/page.c';

const DMA_NOTES = [
  'no device is known here: the answer is dma-direct (no IOMMU, no per-device pool, a coherent device), marked as such',
  'a coherent buffer is physically contiguous pages of get_order(PAGE_ALIGN(size)): a large one needs a high-order block, or CMA',
];

type Shape = 'element' | 'array' | 'bytes';

function coherentInput(shape: Shape): KernelApiInput {
  switch (shape) {
    case 'element':
      return { kind: 'element', what: 'size_of::<T>()' };
    case 'array':
      return { kind: 'array', what: 'count × size_of::<T>()' };
    case 'bytes':
      return { kind: 'bytes', what: 'size' };
  }
}

/** One dma.rs constructor: its own frame, the private allocator it calls, then dma_alloc_attrs. */
function coherentRow(api: string, note: string, shape: Shape, inner: 'alloc_with_attrs' | 'alloc_slice_with_attrs' | null, extraNotes: readonly string[] = []): KernelApiRow {
  // (dev, gfp, ..) for one T; (dev, count | data | size, gfp, ..) otherwise. The init constructors
  // take the initialiser last, `impl Init<T, E>` (dma.rs:805 init(dev, gfp, init), :780
  // init_with_attrs(dev, gfp, attrs, init)): its type names T.
  const initValue = api.endsWith('::init') ? { value: 2 } : api.endsWith('::init_with_attrs') ? { value: 3 } : {};
  const args = shape === 'element' ? { flags: 1, ...initValue } : api.includes('from_slice') ? { flags: 2 } : shape === 'bytes' ? { bytes: 1, flags: 2 } : { count: 1, flags: 2 };
  return {
    api,
    args,
    since: [7, 1],
    sinceConfirmed: true,
    sinceRead: api.startsWith('CoherentBox::') ? SINCE_READINGS.coherentBox : api.startsWith('CoherentHandle::') ? SINCE_READINGS.coherentHandle : SINCE_READINGS.coherent,
    input: coherentInput(shape),
    target: { kind: 'dma-coherent' },
    flags: 'argument',
    frames: (rules: KernelRules, leaf: KernelApiLeaf): ChainFrame[] => [
      rustFrame(api, DMA_RS, note),
      ...(inner
        ? [
            rustFrame(
              `Coherent::${inner}`,
              DMA_RS,
              inner === 'alloc_with_attrs'
                ? 'bindings::dma_alloc_attrs(dev, size_of::<T>(), &handle, gfp, attrs)'
                : 'EINVAL for len 0; bindings::dma_alloc_attrs(dev, size_of::<T>() × len, &handle, gfp, attrs)',
            ),
          ]
        : []),
      ...dmaDirectFrames(rules, leaf === 'fail'),
    ],
    notes: [...DMA_NOTES, ...extraNotes],
  };
}

const ZEROED = 'gfp | __GFP_ZERO';

export const PAGE_APIS: readonly KernelApiRow[] = [
  {
    api: 'Page::alloc_page',
    args: { flags: 0 },
    since: [6, 11],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.pageAlloc,
    input: { kind: 'none' },
    target: { kind: 'pages' },
    flags: 'argument',
    frames: (rules, leaf) => [
      rustFrame('Page::alloc_page', PAGE_RS, 'bindings::alloc_pages(flags.as_raw(), 0): one order-0 page, freed by __free_pages on drop'),
      ffiFrame('rust_helper_alloc_pages', HELPERS_PAGE, 'alloc_pages() is an alloc_hooks() macro, so Rust calls this helper'),
      ...allocPagesFrames(rules, leaf === 'fail'),
    ],
    notes: ['order 0 comes from the per-CPU page lists (pcp) in the common case; __GFP_HIGHMEM is allowed and the page is reached through kmap_local_page'],
  },
  {
    api: 'bindings::alloc_pages',
    args: { flags: 0, order: 1 },
    since: [6, 1],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.allocPages,
    input: { kind: 'order' },
    target: { kind: 'pages' },
    flags: 'argument',
    frames: (rules, leaf) => [ffiFrame('rust_helper_alloc_pages', HELPERS_PAGE, 'bindings::alloc_pages(gfp, order) links to this helper'), ...allocPagesFrames(rules, leaf === 'fail')],
    notes: ['the page order is the second argument: 2^order contiguous pages'],
  },
  {
    api: 'bindings::__get_free_pages',
    args: { flags: 0, order: 1 },
    since: [6, 1],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.getFreePages,
    input: { kind: 'order' },
    target: { kind: 'pages' },
    flags: 'argument',
    frames: (rules, leaf) => [
      ffiFrame('get_free_pages_noprof', BINDINGS, 'the exported function behind the __get_free_pages() macro; without a helper the call names it directly'),
      ...getFreePagesFrames(rules, leaf === 'fail').slice(rules.allocHooks ? 2 : 1),
    ],
    notes: ['returns a kernel virtual address (never highmem); free with free_pages(addr, order)'],
  },
  {
    api: 'bindings::dma_alloc_attrs',
    args: { bytes: 1, flags: 3 },
    since: [6, 1],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.dmaAllocAttrs,
    input: { kind: 'bytes', what: 'size' },
    target: { kind: 'dma-coherent' },
    flags: 'argument',
    frames: (rules, leaf) => dmaDirectFrames(rules, leaf === 'fail'),
    notes: DMA_NOTES,
  },
  {
    api: 'CoherentAllocation::alloc_coherent',
    args: { count: 1, flags: 2 },
    since: [6, 15],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.coherentAllocation,
    until: [7, 0],
    instead: 'dma::Coherent replaced CoherentAllocation: Coherent::<[T]>::zeroed_slice(dev, count, gfp) or CoherentBox::zeroed_slice; the C path (dma_alloc_attrs) is the same',
    input: { kind: 'array', what: 'count × size_of::<T>()' },
    target: { kind: 'dma-coherent' },
    flags: 'argument',
    frames: (rules, leaf) => [
      rustFrame('CoherentAllocation::alloc_coherent', DMA_RS, 'alloc_attrs(dev, count, gfp, Attrs(0))'),
      rustFrame('CoherentAllocation::alloc_attrs', DMA_RS, 'size = count × size_of::<T>() (checked), then bindings::dma_alloc_attrs(dev, size, &handle, gfp, attrs)'),
      ...dmaDirectFrames(rules, leaf === 'fail'),
    ],
    notes: DMA_NOTES,
  },
  coherentRow('Coherent::zeroed', `zeroed_with_attrs(dev, gfp, Attrs(0)): alloc_with_attrs with ${ZEROED}`, 'element', 'alloc_with_attrs'),
  coherentRow('Coherent::zeroed_with_attrs', `alloc_with_attrs(dev, ${ZEROED}, attrs)`, 'element', 'alloc_with_attrs'),
  coherentRow('Coherent::init', 'init_with_attrs(dev, gfp, Attrs(0), init): alloc_with_attrs, then runs the initializer in place', 'element', 'alloc_with_attrs'),
  coherentRow('Coherent::init_with_attrs', 'alloc_with_attrs(dev, gfp, attrs), then runs the initializer in place', 'element', 'alloc_with_attrs'),
  coherentRow('Coherent::zeroed_slice', `zeroed_slice_with_attrs(dev, len, gfp, Attrs(0)): alloc_slice_with_attrs with ${ZEROED}`, 'array', 'alloc_slice_with_attrs'),
  coherentRow('Coherent::zeroed_slice_with_attrs', `alloc_slice_with_attrs(dev, len, ${ZEROED}, attrs)`, 'array', 'alloc_slice_with_attrs'),
  coherentRow('Coherent::from_slice', 'from_slice_with_attrs(dev, data, gfp, Attrs(0)): a CoherentBox of data.len() elements, then a copy', 'array', 'alloc_slice_with_attrs'),
  coherentRow('Coherent::from_slice_with_attrs', 'CoherentBox::from_slice_with_attrs(..).map(Into::into): data.len() elements, then a copy', 'array', 'alloc_slice_with_attrs'),
  coherentRow('CoherentBox::zeroed', 'Coherent::zeroed_with_attrs(dev, gfp, Attrs(0)), owned by the CPU until converted', 'element', 'alloc_with_attrs'),
  coherentRow('CoherentBox::zeroed_with_attrs', 'Coherent::zeroed_with_attrs(dev, gfp, attrs)', 'element', 'alloc_with_attrs'),
  coherentRow('CoherentBox::zeroed_slice', 'Coherent::zeroed_slice_with_attrs(dev, count, gfp, Attrs(0))', 'array', 'alloc_slice_with_attrs'),
  coherentRow('CoherentBox::zeroed_slice_with_attrs', 'Coherent::zeroed_slice_with_attrs(dev, count, gfp, attrs)', 'array', 'alloc_slice_with_attrs'),
  coherentRow('CoherentBox::from_slice', 'from_slice_with_attrs(dev, data, gfp, Attrs(0)): data.len() elements, then a copy', 'array', 'alloc_slice_with_attrs'),
  coherentRow('CoherentBox::from_slice_with_attrs', 'Coherent::alloc_slice_with_attrs(dev, data.len(), gfp, attrs), then a copy', 'array', 'alloc_slice_with_attrs'),
  coherentRow('CoherentHandle::alloc', 'alloc_with_attrs(dev, size, gfp, Attrs(0))', 'bytes', null, ['DMA_ATTR_NO_KERNEL_MAPPING: no kernel mapping is made; the buffer is for the device only']),
  coherentRow('CoherentHandle::alloc_with_attrs', 'EINVAL for size 0; attrs | DMA_ATTR_NO_KERNEL_MAPPING, then bindings::dma_alloc_attrs(dev, size, ..)', 'bytes', null, [
    'DMA_ATTR_NO_KERNEL_MAPPING: no kernel mapping is made; the buffer is for the device only',
  ]),
];
