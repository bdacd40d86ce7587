/**
 * One site under other targets, side by side: every profile the engine models (at the target's
 * NR_CPUS and kernel), the target profile at other NR_CPUS, and another kernel version. The
 * site's finding is reused; its size and answer are worked out again for each target, because
 * PAGE_SIZE, the slab orders and the kernel's rules all move them. The rows read like the lens.
 */
import { ARCH_PROFILES, resolveProfile, type Profile } from '../../../../engine/src/index.js';
import { constEnvOf, type AnalyzedSite, type AnalyzeOptions } from '../../analysis/analyze-tree.js';
import type { TypeIndex } from '../../analysis/rust-model.js';
import { answerSite } from '../../analysis/site-outcome.js';
import { siteSize, type SiteSize } from '../../analysis/site-size.js';
import type { Target } from '../detect-target.js';
import type { CompareRow } from '../protocol.js';
import { siteVerdict, verdictReport } from '../../analysis/site-verdict.js';
import { lensTitle } from './lens-text.js';

/** NR_CPUS values beside the target's: a small VM and a large server (slab orders grow with fls(nr_cpus)). */
const OTHER_NR_CPUS = [2, 256] as const;
/** The other kernel: the LTS before the Allocator trait (6.12), or the newest modelled when the target is 6.12. */
const OTHER_KERNELS = ['6.12', '7.1.5'] as const;

interface Variant {
  readonly profile: Profile;
  readonly kernel: string | undefined;
  readonly kernelText: string;
  readonly varies: CompareRow['varies'];
}

function variants(target: Target, withCpusAndKernels: boolean): Variant[] {
  const base = target.profile;
  const out: Variant[] = ARCH_PROFILES.map((arch) => ({
    profile: arch.name === base.name ? base : resolveProfile(arch.name, { nrCpus: base.nrCpus }),
    kernel: target.kernel,
    kernelText: target.kernelText,
    varies: 'profile' as const,
  }));
  if (!withCpusAndKernels) return out;
  for (const nrCpus of OTHER_NR_CPUS) {
    if (nrCpus !== base.nrCpus) out.push({ profile: resolveProfile(base.name, { nrCpus }), kernel: target.kernel, kernelText: target.kernelText, varies: 'nr-cpus' });
  }
  const other = OTHER_KERNELS.find((k) => k !== target.kernelText);
  if (other) out.push({ profile: base, kernel: other, kernelText: other, varies: 'kernel' });
  return out;
}

/** What the user gave in the simulate view where the source does not fix it (an element layout, a count). */
export interface GivenSizes {
  readonly element?: { readonly sizeBytes: number; readonly alignBytes: number };
  readonly elementCount?: number;
}

/** A vector's size with the user's element (and count) where the source has none: the rows then answer for what is simulated. */
function withGiven(size: SiteSize, sizing: AnalyzedSite['found']['sizing'], given: GivenSizes | undefined): SiteSize {
  if (size.element || !given?.element || (sizing !== 'growth' && sizing !== 'array')) return size;
  const element = { ...given.element, estimated: false };
  const count = size.count ?? given.elementCount ?? null;
  const bytes = sizing === 'array' && count !== null ? count * element.sizeBytes : size.bytes;
  return { ...size, element, count, bytes, exact: bytes !== null, unknownTerm: bytes === null ? size.unknownTerm : null };
}

function row(site: AnalyzedSite, index: TypeIndex, options: AnalyzeOptions, target: Target, v: Variant, given?: GivenSizes): CompareRow {
  const size = withGiven(siteSize(site.found, index, constEnvOf({ ...options, profile: v.profile })), site.found.sizing, given);
  const answer = answerSite(site.found, size, v.profile, v.kernel);
  const verdict = siteVerdict(site.found, size, answer, v.profile);
  // A call the kernel does not have says so (VBox::new in 6.12), not "size unknown".
  const lands =
    lensTitle({
      ...site,
      size,
      answer,
      verdict,
      report: { ...site.report, size: { ...site.report.size, ...(size.upperBound ? { upperBound: size.upperBound } : {}) }, outcome: answer.outcome, verdict: verdictReport(verdict) },
    }) ?? (answer.notInKernel ? `no ${site.report.call} in ${v.kernelText}` : 'size unknown');
  return {
    label: `${v.profile.name} · ${v.profile.nrCpus} CPUs · ${v.kernelText}`,
    profile: v.profile.name,
    pageSize: v.profile.constants.PAGE_SIZE,
    nrCpus: v.profile.nrCpus,
    kernel: v.kernelText,
    varies: v.varies,
    current: v.profile.name === target.profile.name && v.profile.nrCpus === target.profile.nrCpus && v.kernelText === target.kernelText,
    lands,
    slabOrder: answer.detail?.slabOrder ?? null,
  };
}

/** The site under every profile, other NR_CPUS and another kernel (the simulate view's table), with what the user gave. */
export function compareSite(site: AnalyzedSite, index: TypeIndex, options: AnalyzeOptions, target: Target, given?: GivenSizes): CompareRow[] {
  return variants(target, true).map((v) => row(site, index, options, target, v, given));
}

/**
 * One line for the hover when the profiles disagree on where the site lands: the others'
 * answers (`arm64-64k: kmalloc-64k`), or null when they all agree.
 */
export function profilesLine(site: AnalyzedSite, index: TypeIndex, options: AnalyzeOptions, target: Target): string | null {
  const rows = variants(target, false).map((v) => row(site, index, options, target, v));
  const mine = rows.find((r) => r.current)?.lands;
  const differ = rows.filter((r) => !r.current && r.lands !== mine);
  if (!differ.length) return null;
  return differ.map((r) => `${r.profile}: ${r.lands}`).join('; ');
}
