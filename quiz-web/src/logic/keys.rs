//! The keyboard on a question screen: what a key press does ([`key_action`]), and the letter each
//! option is shown with ([`option_letter`]).

/// What a key press does on a question screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Pick the option at this 0-based position.
    Pick(usize),
    Flag,
    Next,
    Previous,
}

/// Maps `KeyboardEvent.key` to an action: 1–8 pick, F flag, arrows move. Keys with Ctrl, Alt or
/// Meta held are left to the browser.
pub fn key_action(key: &str, modifier_held: bool) -> Option<KeyAction> {
    if modifier_held {
        return None;
    }
    match key {
        "f" | "F" => Some(KeyAction::Flag),
        "ArrowRight" => Some(KeyAction::Next),
        "ArrowLeft" => Some(KeyAction::Previous),
        k if k.len() == 1 => {
            let c = k.chars().next()?;
            let n = c.to_digit(10)?;
            (1..=8)
                .contains(&n)
                .then(|| KeyAction::Pick(n as usize - 1))
        }
        _ => None,
    }
}

/// The letter shown before an option: A, B, C, ...
pub fn option_letter(position: usize) -> char {
    (b'A' + (position % 26) as u8) as char
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(key_action("1", false), Some(KeyAction::Pick(0)));
        assert_eq!(key_action("8", false), Some(KeyAction::Pick(7)));
        assert_eq!(key_action("9", false), None);
        assert_eq!(key_action("0", false), None);
        assert_eq!(key_action("f", false), Some(KeyAction::Flag));
        assert_eq!(key_action("F", false), Some(KeyAction::Flag));
        assert_eq!(key_action("ArrowRight", false), Some(KeyAction::Next));
        assert_eq!(key_action("ArrowLeft", false), Some(KeyAction::Previous));
        assert_eq!(key_action("1", true), None);
        assert_eq!(key_action("Enter", false), None);
        assert_eq!(option_letter(0), 'A');
        assert_eq!(option_letter(7), 'H');
    }
}
