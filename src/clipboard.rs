//! Copying notes: OSC 52 through the controlling terminal (the only path over SSH), and the
//! local system clipboard when a display exists.
//!
//! STUB: filled in by the referral work.
