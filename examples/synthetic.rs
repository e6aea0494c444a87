//! Writes a synthetic catalogue to stdout, for benchmarks and timing the whole binary:
//! `cargo run --release --example synthetic -- 10000 > /tmp/syn10k.toml`
//! (an optional second argument is the seed).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::io::Write;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let services = args.next().and_then(|a| a.parse::<usize>().ok());
    let seed = args.next().and_then(|a| a.parse::<u64>().ok()).unwrap_or(1);
    let Some(services) = services else {
        eprintln!("usage: synthetic SERVICES [SEED]");
        return std::process::ExitCode::from(2);
    };
    let text = synthetic::generate(services, seed);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(_) => std::process::ExitCode::from(3),
    }
}
