//! How many sign-in attempts are allowed before we make people wait.
//!
//! Attempts are counted in fixed windows per (account, address) pair, which slows guessing one
//! person's password from one place without letting a stranger elsewhere lock that person out,
//! and per address, which slows trying many accounts from one place. An attempt is counted
//! before the password is checked, in the same statement that reads the count, so parallel
//! guesses cannot slip past the limit; a successful sign-in gives its attempt back. The counts
//! live in Postgres so all server instances agree; this module only decides.

/// Length of a window, in minutes.
pub const WINDOW_MINUTES: u32 = 15;
/// Attempts on one account from one address within a window.
pub const MAX_PER_PAIR: i64 = 5;
/// Attempts from one address within a window, whatever the accounts.
pub const MAX_PER_ADDRESS: i64 = 20;

/// A counter after this attempt was added to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub attempts: i64,
    /// Minutes since the counter's window started.
    pub minutes_ago: u32,
}

/// `Some(minutes to wait)` when this attempt is over a limit and must be refused before the
/// password is checked.
pub fn must_wait(pair: Counted, address: Counted) -> Option<u32> {
    let wait = |c: Counted| WINDOW_MINUTES.saturating_sub(c.minutes_ago).max(1);
    match (pair.attempts > MAX_PER_PAIR, address.attempts > MAX_PER_ADDRESS) {
        (false, false) => None,
        (true, false) => Some(wait(pair)),
        (false, true) => Some(wait(address)),
        (true, true) => Some(wait(pair).max(wait(address))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(attempts: i64, minutes_ago: u32) -> Counted {
        Counted { attempts, minutes_ago }
    }

    #[test]
    fn attempts_up_to_the_limit_go_on() {
        assert_eq!(must_wait(c(MAX_PER_PAIR, 3), c(MAX_PER_ADDRESS, 3)), None);
    }

    #[test]
    fn one_more_on_the_pair_waits_until_its_window_ends() {
        assert_eq!(must_wait(c(MAX_PER_PAIR + 1, 4), c(6, 4)), Some(WINDOW_MINUTES - 4));
    }

    #[test]
    fn one_more_from_the_address_waits_too() {
        assert_eq!(must_wait(c(1, 0), c(MAX_PER_ADDRESS + 1, 0)), Some(WINDOW_MINUTES));
    }

    #[test]
    fn always_asks_to_wait_at_least_a_minute() {
        assert_eq!(must_wait(c(MAX_PER_PAIR + 1, WINDOW_MINUTES + 2), c(1, 0)), Some(1));
    }
}
