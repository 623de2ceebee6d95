import { githubAudit } from '../emit/github';
import type { User } from '../world/types';
import { timeIn, type SliceCtx } from './context';
import { plansOverlapping } from './plan';
import { whereabouts } from './where';

const HOUR = 3_600_000;

function actorId(user: User): number {
  return 10_000_000 + user.index * 7919;
}

/** Benign GitHub org audit entries: clones, pushes, pull requests, the odd repo change. */
export function githubActivity(ctx: SliceCtx): void {
  const { sink, rng, world, seed } = ctx;
  const gh = world.github;
  for (const user of world.users) {
    if (!user.githubLogin) continue;
    for (const p of plansOverlapping(seed, user, sink.start, sink.end)) {
      const a = Math.max(p.logonAt, sink.start);
      const b = Math.min(p.logoffAt, sink.end);
      if (b <= a) continue;
      const frac = (b - a) / HOUR;
      for (let i = rng.poisson(2.5 * frac); i > 0; i--) {
        const t = timeIn(ctx, a, b);
        const w = whereabouts(ctx, world, user, t);
        const action = rng.weighted<string>([['git.fetch', 5], ['git.clone', 1], ['git.push', 3], ['pull_request.create', 1], ['pull_request.merge', 0.7], ['pull_request_review.submit', 1.2], ['repo.access', 0.2], ['protected_branch.policy_override', 0.05]]);
        const repo = rng.pick(gh.repos);
        const git = action.startsWith('git.');
        const extra: Record<string, unknown> = git
          ? { transport_protocol_name: rng.chance(0.7) ? 'ssh' : 'http', transport_protocol: 1, programmatic_access_type: rng.chance(0.7) ? 'SSH key' : 'OAuth access token' }
          : action.startsWith('pull_request') ? { pull_request_id: rng.int(1e9, 2e9), pull_request_title: rng.pick(['Fix flaky test', 'Bump dependencies', 'Add retry to exporter', 'Refactor auth middleware', 'Update README']) } : {};
        sink.add(t, 'github-audit', githubAudit(rng, t, { action, actor: user.githubLogin, actorId: actorId(user), country: w.place.country, ip: w.ip, org: gh.org, orgId: gh.orgId, repo, userAgent: git ? 'git/2.47.1' : w.ua, extra }));
      }
    }
  }
  // Workflow runs happen around the clock (bot actor).
  for (let i = rng.poisson(4); i > 0; i--) {
    const t = timeIn(ctx);
    sink.add(t, 'github-audit', githubAudit(rng, t, { action: 'workflows.completed_workflow_run', actor: 'github-actions[bot]', actorId: 41898282, country: 'US', ip: '140.82.115.1', org: gh.org, orgId: gh.orgId, repo: rng.pick(gh.repos), extra: { conclusion: rng.chance(0.9) ? 'success' : 'failure', event: rng.pick(['push', 'pull_request', 'schedule']), head_branch: 'main', head_sha: rng.hex(40), run_number: rng.int(100, 5000), workflow_run_id: rng.int(1e9, 9e9) } }));
  }
}
