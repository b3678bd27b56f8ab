pub mod charts;
pub mod exam;
pub mod home;
pub mod practice;
pub mod progress;
pub mod question;
pub mod results;
pub mod settings;
