//! The checks of `plugboard check`.

pub mod javascript;
