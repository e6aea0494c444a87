//! How long referral records (and note files) are kept, and the guard that keeps a clock
//! pinned in the future from purging them.
//!
//! `PATHWAYS_NOW` exists for tests and reproducible output; pinned later than the real
//! clock it would make every record look expired (`PATHWAYS_NOW=9999-12-25` once deleted
//! the whole history). Deleting is the one thing a pinned clock may not cause: the purge
//! is skipped and the caller warns.

use jiff::{Timestamp, ToSpan};

/// The retention purge to run, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cutoff {
    /// Delete what is older than this.
    Before(Timestamp),
    /// The clock in use is later than the system clock: delete nothing.
    PinnedAhead,
}

impl Cutoff {
    /// The instant to purge before, if a purge may run.
    pub fn before(self) -> Option<Timestamp> {
        match self {
            Cutoff::Before(cutoff) => Some(cutoff),
            Cutoff::PinnedAhead => None,
        }
    }
}

/// What the warning says when [`Cutoff::PinnedAhead`] held a purge back.
pub const PINNED_AHEAD: &str = "the clock is pinned ahead of the system clock (PATHWAYS_NOW): \
     nothing was purged";

/// Records older than `keep_days` before `now` go, unless `now` is later than `system_now`
/// (a pinned clock). `keep_days` is validated by the configuration (1 to 36,500); a value
/// out of that range still cannot overflow here: the cutoff saturates at the earliest
/// instant, which deletes nothing.
pub fn cutoff(keep_days: i64, now: Timestamp, system_now: Timestamp) -> Cutoff {
    if now > system_now {
        return Cutoff::PinnedAhead;
    }
    let hours = keep_days
        .clamp(0, crate::config::MAX_KEEP_DAYS)
        .saturating_mul(24);
    Cutoff::Before(now.checked_sub(hours.hours()).unwrap_or(Timestamp::MIN))
}

/// The cutoff for the current clock (`crate::clock::now`) against the system clock.
pub fn cutoff_now(keep_days: i64) -> Cutoff {
    cutoff(keep_days, crate::clock::now(), Timestamp::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_clock_pinned_ahead_never_purges() {
        let system = t("2026-11-30T12:00:00Z");
        assert_eq!(
            cutoff(365, t("9999-12-25T12:00:00Z"), system),
            Cutoff::PinnedAhead
        );
        assert_eq!(
            cutoff(1, t("2026-11-30T12:00:00Z"), system),
            Cutoff::Before(t("2026-11-29T12:00:00Z"))
        );
    }

    #[test]
    fn huge_keep_days_deletes_nothing_rather_than_everything() {
        let now = t("2026-11-30T12:00:00Z");
        let Cutoff::Before(cut) = cutoff(i64::MAX, now, now) else {
            panic!("not pinned")
        };
        assert!(cut < t("1927-01-01T00:00:00Z"));
        let Cutoff::Before(cut) = cutoff(7_304_485, now, now) else {
            panic!("not pinned")
        };
        assert!(cut < now);
    }
}
