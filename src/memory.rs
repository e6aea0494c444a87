//! A memory budget for one piece of untrusted work: rendering an operator's own template.
//!
//! A template can build a string that doubles forty times in a handful of steps, so the
//! engine's step limit (fuel) does not bound its memory, and Rust cannot recover from an
//! allocation that fails: the process aborts. Instead the work runs on a thread of its own
//! whose live allocations the global allocator counts ([`Budgeted`], which the binary
//! installs). A thread that goes over its budget is never given the memory: it is put to
//! sleep for good inside the allocation, holding no more than its budget, and the caller
//! reports the work as too large. (Failing the allocation would abort; unwinding out of an
//! allocator is not allowed.)
//!
//! Without `Budgeted` installed (library users, unit tests) [`run_within`] still runs the
//! work on its own thread, with no memory limit.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A global allocator that counts the live bytes of budgeted threads.
pub struct Budgeted<A>(pub A);

/// How many budgeted threads run now: while none does, allocation costs one relaxed load
/// more than `A`'s own.
static BUDGETED_THREADS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// This thread's budget in bytes (0: none), what it holds, and the flag to raise when
    /// it goes over. Const-initialised cells without destructors, so the allocator may use
    /// them at any time.
    static LIMIT: Cell<usize> = const { Cell::new(0) };
    static HELD: Cell<usize> = const { Cell::new(0) };
    static OVER: Cell<*const AtomicBool> = const { Cell::new(std::ptr::null()) };
}

/// Counts `bytes` more for a budgeted thread; over the budget, raises its flag and sleeps
/// for good.
fn charge(bytes: usize) {
    let limit = LIMIT.try_with(Cell::get).unwrap_or(0);
    if limit == 0 {
        return;
    }
    let held = HELD.try_with(Cell::get).unwrap_or(0).saturating_add(bytes);
    let _ = HELD.try_with(|h| h.set(held));
    if held > limit {
        if let Ok(flag) = OVER.try_with(Cell::get)
            && !flag.is_null()
        {
            // SAFETY: `run_within` keeps the flag alive (an `Arc` moved into this thread's
            // closure, which never returns from here).
            unsafe { (*flag).store(true, Ordering::Release) };
        }
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

fn credit(bytes: usize) {
    if LIMIT.try_with(Cell::get).unwrap_or(0) != 0 {
        let _ = HELD.try_with(|h| h.set(h.get().saturating_sub(bytes)));
    }
}

fn budgeting() -> bool {
    BUDGETED_THREADS.load(Ordering::Relaxed) != 0
}

// SAFETY: every call is passed on to `A` unchanged; the counting around it only reads and
// writes this thread's cells, and a thread over its budget blocks instead of returning.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Budgeted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if budgeting() {
            charge(layout.size());
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if budgeting() {
            charge(layout.size());
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if budgeting() {
            credit(layout.size());
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if budgeting() {
            match new_size.checked_sub(layout.size()) {
                Some(more) => charge(more),
                None => credit(layout.size() - new_size),
            }
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

/// The process's two heaps: mimalloc, fast for the command line's short bursts of millions
/// of small allocations (a cold 10k `search` takes 221 ms with it, 308 ms with the system
/// allocator), and the system allocator, compact for the directory, which holds a catalogue
/// for hours beside other operators' directories on one server (20 of them on 10k services
/// sum to 1,302 MiB of PSS on mimalloc, 751 MiB on the system's). New blocks come from the
/// heap chosen now ([`use_compact_heap`]); each block is freed or grown by the heap that
/// gave it, told by its address (`mi_is_in_heap_region`, a page-map lookup), so the choice
/// may change at any moment.
pub struct TwoHeaps;

/// True once the process asked for the compact heap.
static COMPACT: AtomicBool = AtomicBool::new(false);

/// From now on, new blocks come from the system allocator (when [`TwoHeaps`] is the global
/// allocator): for a process that will hold its data for long.
pub fn use_compact_heap() {
    COMPACT.store(true, Ordering::Relaxed);
}

/// Gives the compact heap's free pages back to the system: after a load, whose temporaries
/// (the file's text, the index's word lists) glibc would otherwise keep for reuse. A no-op
/// on other C libraries.
pub fn return_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory the allocator holds free.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// True once the process chose the compact heap: it will hold what it loads for long, so a
/// load worth a little time to lay out compactly (see the catalogue cache) should be.
pub fn compact() -> bool {
    COMPACT.load(Ordering::Relaxed)
}

/// True when mimalloc gave the block at `ptr`: every block did until the compact heap was
/// chosen (the commands never choose it, so they skip the lookup).
fn from_fast_heap(ptr: *mut u8) -> bool {
    !compact() || in_fast_heap(ptr)
}

/// True when the address is in mimalloc's pages.
fn in_fast_heap(ptr: *mut u8) -> bool {
    // SAFETY: a lookup of the address in mimalloc's page map; it reads no memory at `ptr`
    // and answers false for any address mimalloc does not manage.
    unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

/// The heap new blocks come from now.
fn giving() -> &'static dyn GlobalAlloc {
    if compact() {
        &std::alloc::System
    } else {
        &mimalloc::MiMalloc
    }
}

/// The heap that gave the block at `ptr`.
fn owner(ptr: *mut u8) -> &'static dyn GlobalAlloc {
    if from_fast_heap(ptr) {
        &mimalloc::MiMalloc
    } else {
        &std::alloc::System
    }
}

// SAFETY: each block is allocated by one of two allocators and always returned to (or
// grown by) the same one, identified by address; both honour every layout.
unsafe impl GlobalAlloc for TwoHeaps {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe { giving().alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe { giving().alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on to the heap that gave the block.
        unsafe { owner(ptr).dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on to the heap that gave the block.
        unsafe { owner(ptr).realloc(ptr, layout, new_size) }
    }
}

/// Why budgeted work did not finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Exceeded {
    #[error("it needed more than its memory budget")]
    Memory,
    #[error("it ran past its time limit")]
    Time,
}

/// Runs `work` on a thread of its own with at most `limit` bytes live (when [`Budgeted`] is
/// the global allocator) and at most `timeout` of time. Work that goes over is abandoned:
/// its thread sleeps (memory) or runs on to its own end (time) while the caller goes on.
pub fn run_within<T: Send + 'static>(
    limit: usize,
    timeout: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Exceeded> {
    let over = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&over);
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    BUDGETED_THREADS.fetch_add(1, Ordering::Relaxed);
    let spawned = std::thread::Builder::new()
        .name("budgeted".into())
        .spawn(move || {
            let _ = OVER.try_with(|o| o.set(Arc::as_ptr(&flag)));
            let _ = HELD.try_with(|h| h.set(0));
            let _ = LIMIT.try_with(|l| l.set(limit.max(1)));
            let result = work();
            let _ = LIMIT.try_with(|l| l.set(0));
            BUDGETED_THREADS.fetch_sub(1, Ordering::Relaxed);
            let _ = sender.send(result);
            drop(flag);
        });
    if spawned.is_err() {
        BUDGETED_THREADS.fetch_sub(1, Ordering::Relaxed);
        return Err(Exceeded::Memory);
    }
    let started = Instant::now();
    loop {
        match receiver.recv_timeout(Duration::from_millis(10)) {
            Ok(result) => return Ok(result),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Err(Exceeded::Memory),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        if over.load(Ordering::Acquire) {
            // The sleeping thread will never count itself out.
            BUDGETED_THREADS.fetch_sub(1, Ordering::Relaxed);
            return Err(Exceeded::Memory);
        }
        if started.elapsed() > timeout {
            return Err(Exceeded::Time);
        }
    }
}

/// The library's own unit tests run with the budget counted, as the binary does.
#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: Budgeted<std::alloc::System> = Budgeted(std::alloc::System);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_over_its_memory_budget_is_stopped_not_aborted() {
        let result = run_within(1 << 20, Duration::from_secs(10), || {
            vec![1u8; 8 << 20].len()
        });
        assert_eq!(result, Err(Exceeded::Memory));
        // Growth by doubling is caught on the way.
        let result = run_within(1 << 20, Duration::from_secs(10), || {
            let mut text = String::from("xx");
            for _ in 0..40 {
                text = format!("{text}{text}");
            }
            text.len()
        });
        assert_eq!(result, Err(Exceeded::Memory));
        // Other threads are not counted meanwhile.
        assert_eq!(vec![0u8; 4 << 20].len(), 4 << 20);
    }

    /// Blocks from either heap are freed and grown by their own, whichever heap is chosen
    /// when: the directory switches after the command line has allocated.
    #[test]
    fn each_block_goes_back_to_the_heap_that_gave_it() {
        let heaps = TwoHeaps;
        let layout = Layout::from_size_align(48, 16).unwrap();
        // SAFETY: blocks of `layout`, written within bounds, each freed once.
        unsafe {
            let fast = heaps.alloc(layout);
            assert!(in_fast_heap(fast), "before the switch, mimalloc gives");
            fast.write_bytes(7, 48);
            use_compact_heap();
            let system = heaps.alloc_zeroed(layout);
            assert!(
                !in_fast_heap(system),
                "after it, the system allocator gives"
            );
            assert_eq!(*system.add(47), 0);
            let grown = heaps.realloc(fast, layout, 4096);
            assert!(in_fast_heap(grown), "a block grows in its own heap");
            assert_eq!(*grown.add(47), 7);
            let grown_layout = Layout::from_size_align(4096, 16).unwrap();
            heaps.dealloc(grown, grown_layout);
            let system = heaps.realloc(system, layout, 4096);
            assert!(!in_fast_heap(system));
            heaps.dealloc(system, grown_layout);
        }
    }

    #[test]
    fn work_within_its_budget_returns_its_result() {
        let result = run_within(1 << 20, Duration::from_secs(10), || vec![7u8; 1000].len());
        assert_eq!(result, Ok(1000));
    }

    #[test]
    fn work_past_its_time_is_abandoned() {
        let result = run_within(1 << 20, Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_millis(400));
        });
        assert_eq!(result, Err(Exceeded::Time));
    }
}
