// imlit cache layer — map of the files and the ONE lock order of the layer.
//
// Files (each one concept):
//   key_trie.hpp/.cpp      the key trie: entries of one function by (args, session, widget
//                          values read); pure data, no locks (tests/cache/test_key_trie.cpp)
//   load.hpp/.cpp          one load: running a loader, storing its result (finish), the
//                          wait-for graph that refuses waits that could never end, cancelled()
//   scheduler.hpp/.cpp     the process-wide scheduler of asynchronous loads and its workers
//   function_core.hpp      one cached function's state: options, trie, loads in flight, counters
//   rw_lock.hpp            the reader-writer lock of one function (a hit's shared lock: one add)
//   hot_table.hpp/.cpp     the UI thread's lock-free view of a function's plain entries (a warm
//                          hit from a frame takes no lock; a writer's gen bump invalidates it)
//   registry.hpp/.cpp      every function; bounds (global budget, max_entries/max_bytes), ttl
//                          sweeps, session ends, freeing memory (off-thread, malloc_trim)
//   cached_call.cpp        the cached call as named steps: hit, join, supersede, start
//   control.cpp            making functions, clears, stats, the public controls
//   inspector.cpp          cache_inspector()
//   persist_format.hpp/.cpp  Persist::disk: the file format of one entry (envelope, checksum,
//                          sections), pure bytes (tests/fuzz/entry_reader.cpp fuzzes it)
//   persist_recording.cpp  Persist::disk: recordings as data (commands written and read back)
//   persist_store.hpp/.cpp Persist::disk: the cache directory, reading entries back on a miss,
//                          the writer thread (atomic writes), the disk budget, clears
//   file_stamp.cpp         imlit::file_stamp and its watcher thread (R16)
//
// Lock order. A thread holding a lock may only take locks further down this list (and each
// at most once: never two FunctionCore mutexes at once):
//   1. Registry::sweep_mutex / Registry::budget_mutex  (one eviction or sweep across functions)
//   2. FunctionCore::mutex (an RwLock)                 (trie + inflight of one function)
//   3. Scheduler::mutex_                               (queue, running loads, workers)
//   4. leaf locks, taken for a few instructions with nothing else taken inside them:
//      Registry::mutex (function list, hooked sessions), the wait-for graph's mutex,
//      Load's wait mutex, a Recording's reads mutex -> WidgetStore::mutex (checking a running
//      load's reads against the current widget values reads the store inside it; a loader
//      never holds the store's mutex while it adds a read). A trie walk holds WidgetStore::mutex
//      from its first widget to its end (WidgetValues: one lock per walk), taking nothing else.
//      PersistState::mutex (the disk index of one function), the disk writer's queue mutex,
//      the file-stamp watcher's mutex.
// A HotTable takes no lock: only its owner thread touches its slots, and the gen it checks is
// bumped under (2). Slots it lets go of are released with no lock held (put, sweep, release).
// No file is read or written with any cache lock held: restore_from_disk reads unlocked and
// takes a FunctionCore mutex only to insert what it read.
// Work that would break the order is done after unlocking: abandon() (takes a FunctionCore
// mutex) runs after the scheduler's mutex is released; victims and cleared entries are let go
// of, and the budget enforced, after a FunctionCore mutex is released.
//
// No lock is held while user code runs: loaders, validate, argument copies (make_load),
// value destructors (victims are released unlocked), replay.
//
// Counting work in flight (AppTest::run_until_idle): work_started() when an async load is
// made; work_finished() exactly once, when it finishes (finish(), last, after its result is
// stored) or is dropped before starting (abandon()).
#pragma once

#include "cache/function_core.hpp"
#include "cache/key_trie.hpp"
#include "cache/load.hpp"
#include "cache/registry.hpp"
#include "cache/scheduler.hpp"
