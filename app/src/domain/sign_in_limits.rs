//! How many failed sign-ins are allowed before we make people wait.
//!
//! Failures are counted over a sliding window, per account (slows guessing one person's
//! password) and per network address (slows trying many accounts from one place). The counts
//! come from Postgres so all server instances agree; this module only decides.

/// Length of the sliding window, in minutes.
pub const WINDOW_MINUTES: u32 = 15;
/// Failed attempts on one account within the window before it is locked.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failed attempts from one address within the window before it is locked.
pub const MAX_PER_ADDRESS: i64 = 20;

/// Recent failures seen for this attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecentFailures {
    pub for_account: i64,
    pub from_address: i64,
    /// Minutes since the oldest failure that still counts (0 when none).
    pub oldest_minutes_ago: u32,
}

/// `Some(minutes to wait)` when this attempt must be refused before the password is checked.
pub fn must_wait(recent: RecentFailures) -> Option<u32> {
    if recent.for_account >= MAX_PER_ACCOUNT || recent.from_address >= MAX_PER_ADDRESS {
        Some(WINDOW_MINUTES.saturating_sub(recent.oldest_minutes_ago).max(1))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(for_account: i64, from_address: i64, oldest: u32) -> RecentFailures {
        RecentFailures { for_account, from_address, oldest_minutes_ago: oldest }
    }

    #[test]
    fn a_few_mistakes_are_fine() {
        assert_eq!(must_wait(failures(MAX_PER_ACCOUNT - 1, MAX_PER_ADDRESS - 1, 3)), None);
    }

    #[test]
    fn locks_the_account_then_says_how_long() {
        assert_eq!(must_wait(failures(MAX_PER_ACCOUNT, 0, 4)), Some(WINDOW_MINUTES - 4));
    }

    #[test]
    fn locks_the_address() {
        assert_eq!(must_wait(failures(0, MAX_PER_ADDRESS, 0)), Some(WINDOW_MINUTES));
    }

    #[test]
    fn always_asks_to_wait_at_least_a_minute() {
        assert_eq!(must_wait(failures(MAX_PER_ACCOUNT, 0, WINDOW_MINUTES + 2)), Some(1));
    }
}
