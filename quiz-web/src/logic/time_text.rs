//! Time as the app shows and speaks it: the exam timer ([`clock`]), the time an attempt took in
//! words ([`duration_words`]), a wait until something is due ([`wait_words`]) and the time-left milestones announced to screen readers
//! ([`milestone`]).

/// `m:ss`, or `h:mm:ss` from one hour, rounding partial seconds up so 0:00 means time is up.
pub fn clock(ms: u64) -> String {
    let total = ms.div_ceil(1000);
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A duration in words for results: "1 h 5 min", "12 min 3 s", "45 s".
pub fn duration_words(ms: u64) -> String {
    let total = ms / 1000;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h} h {m} min")
    } else if m > 0 {
        format!("{m} min {s} s")
    } else {
        format!("{s} s")
    }
}

/// A wait in words, to the unit that matters: "3 days", "1 day", "5 hours", "12 minutes",
/// "1 minute" (rounded up, so something due in 30 s is "1 minute" away, never "0").
pub fn wait_words(ms: u64) -> String {
    const MINUTE: u64 = 60_000;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let (n, unit) = if ms >= DAY {
        (ms.div_ceil(DAY), "day")
    } else if ms >= HOUR {
        (ms.div_ceil(HOUR), "hour")
    } else {
        (ms.div_ceil(MINUTE).max(1), "minute")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// Time left (ms) at which the timer is announced to screen readers.
pub const MILESTONES_MS: [u64; 7] = [
    60 * 60_000,
    30 * 60_000,
    15 * 60_000,
    10 * 60_000,
    5 * 60_000,
    60_000,
    30_000,
];

/// The polite announcement due when time left goes from `before` to `now` (ms), if a milestone
/// was crossed in between: "5 minutes left". At most one, the smallest crossed.
pub fn milestone(before: u64, now: u64) -> Option<String> {
    let crossed = MILESTONES_MS
        .iter()
        .rev()
        .find(|&&m| before > m && now <= m)?;
    Some(match *crossed {
        m if m >= 60_000 && m / 60_000 == 1 => "1 minute left".to_string(),
        m if m >= 60_000 => format!("{} minutes left", m / 60_000),
        m => format!("{} seconds left", m / 1000),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_in_words() {
        assert_eq!(wait_words(0), "1 minute");
        assert_eq!(wait_words(30_000), "1 minute");
        assert_eq!(wait_words(61_000), "2 minutes");
        assert_eq!(wait_words(3_600_000), "1 hour");
        assert_eq!(wait_words(5 * 3_600_000 - 1), "5 hours");
        assert_eq!(wait_words(86_400_000), "1 day");
        assert_eq!(wait_words(3 * 86_400_000 + 1), "4 days");
    }

    #[test]
    fn clocks_and_durations() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(1), "0:01");
        assert_eq!(clock(59_001), "1:00");
        assert_eq!(clock(120 * 60_000), "2:00:00");
        assert_eq!(clock(3_599_000), "59:59");
        assert_eq!(duration_words(45_500), "45 s");
        assert_eq!(duration_words(12 * 60_000 + 3_000), "12 min 3 s");
        assert_eq!(duration_words(65 * 60_000), "1 h 5 min");
    }

    #[test]
    fn milestones_are_announced_once() {
        assert_eq!(
            milestone(5 * 60_000 + 1, 5 * 60_000),
            Some("5 minutes left".into())
        );
        assert_eq!(milestone(5 * 60_000, 5 * 60_000 - 1000), None);
        assert_eq!(milestone(61_000, 60_000), Some("1 minute left".into()));
        assert_eq!(milestone(31_000, 29_000), Some("30 seconds left".into()));
        assert_eq!(
            milestone(40 * 60_000, 20 * 60_000),
            Some("30 minutes left".into())
        );
        // A long sleep crossing several milestones announces the nearest one.
        assert_eq!(
            milestone(40 * 60_000, 4 * 60_000),
            Some("5 minutes left".into())
        );
        assert_eq!(milestone(100_000, 99_000), None);
    }
}
