//! Shrinking a [`Disagreement`] to a minimal case with proptest's value
//! trees: the case's tree is rebuilt from the seed and its index, then
//! `simplify` and `complicate` walk it as proptest's own runner does,
//! keeping each simpler case where the target still answers with the
//! same code and the reference disagrees (fewer parameters, shorter text, one request rather than two, the
//! first request style). Every candidate is sent with fresh names and
//! tokens, within the run's request budget.

use super::{Checked, Disagreement, Explorer};

/// The simplest case found that disagrees as `found` does.
pub async fn shrink(explorer: &Explorer, found: &Disagreement) -> Disagreement {
    let found = found.clone();
    let mut tree = explorer.tree(found.index);
    let mut best = found.clone();
    let wanted = found.target_code.clone();
    if !tree.simplify() {
        return best;
    }
    for _ in 0..explorer.options.shrink_steps {
        let mut candidate = tree.current();
        explorer.freshen(&mut candidate);
        let still = match explorer.check(&candidate, explorer.attempt()).await {
            Checked::Exhausted => break,
            Checked::Disagreed(answers) => {
                let (target, reference) = *answers;
                // The target's fault stays; what the reference answers
                // may become simpler (other faults of the request gone).
                let same = target.code_against(&reference) == wanted;
                if same {
                    best = Disagreement {
                        target_code: target.code_against(&reference),
                        reference_code: reference.code_against(&target),
                        draft: candidate,
                        target,
                        reference,
                        ..best
                    };
                }
                same
            }
            Checked::Agreed | Checked::Unsendable => false,
        };
        let moved = if still {
            tree.simplify()
        } else {
            tree.complicate()
        };
        if !moved {
            break;
        }
    }
    best
}
