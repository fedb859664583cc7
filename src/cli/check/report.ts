/**
 * `check --json`: one JSON document on standard output, for CI pipelines and monitoring. Its shape
 * is documented in docs/check-findings.md ("check --json") and tested against that; change both together.
 */
import { countByStatus, messageOfFinding, type Finding, type FindingStatus } from './finding.js';

export type JsonFinding = {
  id: string;
  status: FindingStatus;
  message: string;
  /** What to do; null for a finding that needs nothing done. */
  fix: string | null;
  /** The global endpoint region the finding is about; null otherwise. */
  region: string | null;
};

export type JsonReport = {
  /** The document's shape; raised when a field changes meaning or goes away. */
  version: 1;
  /** Where the config came from: the file path, or "standard input". */
  source: string;
  /** The config's region and global endpoint ID; null when the config is invalid or has none. */
  region: string | null;
  endpointId: string | null;
  /** True when no finding failed, as exit code 0. */
  ok: boolean;
  summary: Record<FindingStatus, number>;
  findings: JsonFinding[];
};

export const jsonReport = (
  source: string,
  config: { region: string; endpointId?: string } | undefined,
  findings: readonly Finding[]
): JsonReport => ({
  version: 1,
  source,
  region: config?.region ?? null,
  endpointId: config?.endpointId ?? null,
  ok: !findings.some(({ status }) => status === 'fail'),
  summary: countByStatus(findings),
  findings: findings.map((finding) => ({
    id: finding.id,
    status: finding.status,
    message: messageOfFinding(finding),
    fix: finding.fix ?? null,
    region: finding.region ?? null,
  })),
});
