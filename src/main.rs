//! The `pathways` binary: parse arguments, run the library, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    tune_allocator();
    if let Some(code) = pathways::clipboard::run_helper_if_asked() {
        return code;
    }
    treat_empty_path_variables_as_unset();
    let cli = pathways::cli::Cli::parse();
    let (lang, result) = run(cli);
    match result {
        Ok(exit) => exit.into(),
        Err(error) => {
            eprintln!("{}", error.render(lang));
            error.exit.into()
        }
    }
}

/// The dispatch: no command opens the directory, any other runs on the command line. Also
/// the language an error is said in: the run's, or before the configuration is read (a
/// config that fails), the one the flag, the variable or the locale chose.
fn run(cli: pathways::cli::Cli) -> (pathways::i18n::Lang, pathways::error::CliResult) {
    use pathways::cli::Command;
    let early = pathways::cli::early_language(cli.global.ui_lang.as_deref());
    if let Some(Command::Keys(args)) = &cli.command {
        // The Markdown tables are the documentation's, in English; the plain reference is
        // for the operator, in the interface language (which needs the configuration).
        let reference = if args.markdown {
            pathways::tui::keys::reference(true)
        } else {
            match pathways::context::Context::load(cli.global.clone()) {
                Ok(context) => pathways::tui::keys::reference_in(context.lang(), false),
                Err(error) => return (early, Err(error)),
            }
        };
        return (early, pathways::cli::write_stdout(&reference));
    }
    let context = match pathways::context::Context::load(cli.global) {
        Ok(context) => context,
        Err(error) => return (early, Err(error)),
    };
    let lang = context.lang();
    let result = match cli.command {
        None => pathways::tui::run(&context),
        Some(command) => pathways::cli::run(&context, command),
    };
    // The process ends right after a command: freeing a large catalogue piece by piece
    // would cost tens of milliseconds for nothing (the OS takes the memory back at once).
    std::mem::forget(context);
    (lang, result)
}

/// `PATHWAYS_CATALOGUE=` (empty) means "not set", as for any Unix path variable; clap would
/// otherwise read it as a flag given without a value.
fn treat_empty_path_variables_as_unset() {
    for name in ["PATHWAYS_CATALOGUE", "PATHWAYS_CONFIG", "PATHWAYS_OPERATOR"] {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            // SAFETY: called at start-up, before any other thread exists.
            unsafe { std::env::remove_var(name) };
        }
    }
}

/// mimalloc for the commands: loading a catalogue makes millions of small allocations on
/// all cores, and glibc's per-thread heaps grow with thousands of `mprotect` calls (a third
/// of a cold `search` on 10k services went to the kernel; mimalloc makes the whole command
/// 25% faster). The directory switches to the system allocator, which holds its data in
/// less memory (see `pathways::memory::TwoHeaps`). Wrapped to count the live memory of a
/// thread that renders an operator's template, so a template that doubles a string without
/// end is stopped rather than aborting the process (see `pathways::memory`).
#[global_allocator]
static ALLOCATOR: pathways::memory::Budgeted<pathways::memory::TwoHeaps> =
    pathways::memory::Budgeted(pathways::memory::TwoHeaps);

/// mimalloc's option numbers (`mi_option_e` in mimalloc 3's `mimalloc.h`), which
/// libmimalloc-sys builds by default but does not name. Its `v2` feature would renumber
/// them: the test below fails then.
mod mimalloc_options {
    use libmimalloc_sys::mi_option_t;
    /// Commit arena memory on demand rather than at once (default 2: "if large pages").
    pub const ARENA_EAGER_COMMIT: mi_option_t = 4;
    /// Milliseconds before freed memory is returned to the OS (default 1000).
    pub const PURGE_DELAY: mi_option_t = 15;
    /// One past the last option: 47 in mimalloc 3's layout, 38 in mimalloc 2's.
    #[cfg(test)]
    pub const LAST: mi_option_t = 47;
}

/// mimalloc's defaults keep freed memory a second and commit arenas eagerly, which raised
/// the peak of loading 100k services from 3.9x to 4.8x the file. Committing on demand, and
/// returning freed memory after 10 ms, keeps it under 4x (3.90x). A delay of 0 kept it at
/// 3.85x but returned pages that were needed again a moment later: 1,400 `madvise` calls
/// and their page faults made a cold 10k `search` 204 ms instead of 178 (100k: 2.1 s
/// instead of 1.7; `docs/performance.md`).
///
/// The options must be set before mimalloc makes its first arena, which happens at the
/// process's first allocation, before `main`: set from `main`, they came too late and did
/// nothing (a cold 100k `search` peaked at 4.09x the file, 3.85x with them in force). So on
/// Linux this runs as an early constructor (`.init_array` with a priority, run before the
/// unprioritised constructors of the runtime and of mimalloc itself).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00099")]
static TUNE_ALLOCATOR_FIRST: extern "C" fn() = tune_allocator;

/// The options set, and their values.
const TUNED: [(libmimalloc_sys::mi_option_t, std::ffi::c_long); 2] = [
    (mimalloc_options::ARENA_EAGER_COMMIT, 0),
    (mimalloc_options::PURGE_DELAY, 10),
];

/// The options' values before [`tune_allocator`] set them, for the test that they are the
/// options meant (0 until it ran).
static OPTIONS_BEFORE: [std::sync::atomic::AtomicI64; TUNED.len()] =
    [const { std::sync::atomic::AtomicI64::new(0) }; TUNED.len()];

extern "C" fn tune_allocator() {
    use std::sync::atomic::Ordering;
    for ((option, value), before) in TUNED.into_iter().zip(&OPTIONS_BEFORE) {
        // SAFETY: reading and setting documented options is allowed at any time.
        #[allow(
            clippy::useless_conversion,
            reason = "a C long is 32 bits on some targets"
        )]
        unsafe {
            before.store(
                i64::from(libmimalloc_sys::mi_option_get(option)),
                Ordering::Relaxed,
            );
            libmimalloc_sys::mi_option_set(option, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mimalloc_options::{ARENA_EAGER_COMMIT, LAST, PURGE_DELAY};
    use super::{OPTIONS_BEFORE, TUNED};

    /// The constants must still name the options meant: the crate's option count tells the
    /// layout, and the options' defaults in mimalloc 3's options.c (arena_eager_commit 2,
    /// purge_delay 1000 ms), as found by the constructor before it set them, identify them.
    #[test]
    #[cfg(target_os = "linux")]
    fn the_allocator_options_are_the_ones_meant() {
        use std::sync::atomic::Ordering;
        assert_eq!(
            libmimalloc_sys::_mi_option_last,
            LAST,
            "libmimalloc-sys changed its option layout (is the v2 feature on?): fix mimalloc_options"
        );
        assert_eq!(
            TUNED.map(|(option, _)| option),
            [ARENA_EAGER_COMMIT, PURGE_DELAY]
        );
        let before = OPTIONS_BEFORE.each_ref().map(|o| o.load(Ordering::Relaxed));
        assert_eq!(
            before,
            [2, 1000],
            "mimalloc renumbered its options: fix mimalloc_options"
        );
    }

    /// The test harness never runs `main`: options in force here were set by the
    /// constructor, before the first allocation.
    #[test]
    #[cfg(target_os = "linux")]
    fn the_allocator_is_tuned_before_main() {
        // SAFETY: reading options has no preconditions.
        let now = TUNED.map(|(option, _)| unsafe { libmimalloc_sys::mi_option_get(option) });
        assert_eq!(now, TUNED.map(|(_, value)| value));
        assert_eq!(now, [0, 10]);
    }
}
