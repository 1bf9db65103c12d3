// imlit — cached scopes: cache_resource and cache_data (DESIGN §2, rules R1–R13).
//
//   static auto load_model = imlit::cache_resource([](const std::string& name) {
//       imlit::header("Data analysis");
//       bool pretrained = imlit::checkbox("Use pre-trained model");   // folds into the key
//       Model m = Model::train(name, pretrained);                     // slow: runs on a worker
//       imlit::success("Loaded model!");
//       return m;
//   }, {.name = "load_model", .ttl = std::chrono::minutes(10)});
//
//   void frame() {
//       auto model = load_model("sentiment");   // imlit::Cached<Model>
//       if (!model) return;                      // still loading: a spinner is shown in place
//       imlit::text("score: {:.2f}", model->score());
//   }
//
// A cached function stores, per key, the loader's value AND the imlit commands the loader
// issued; a hit returns the value and replays the commands in place. The key is (function,
// hash of the arguments, values of the widgets the loader read). See docs/caching.md.
//
// Index
//   [SECTION] Options
//   [SECTION] Cached<T>
//   [SECTION] Stats and global control
//   [SECTION] byte_size
//   [SECTION] Core (internal)
//   [SECTION] CachedFunction, cache_resource, cache_data
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "imlit/hash.hpp"
#include "imlit/ui.hpp"

namespace imlit {

// [SECTION] Options --------------------------------------------------------------------------

// Where entries live. global: shared by every session (window / AppTest) of the process.
// session: one set of entries per session, freed when the session ends.
enum class Scope { global, session };
// Disk persistence of cache_data values (R9). Not implemented yet: Persist::disk is rejected
// with std::invalid_argument when the cached function is created.
enum class Persist { none, disk };

// Options of cache_data. Declared in this order so designated initializers work:
//   imlit::cache_data(load, {.ttl = 60s, .max_entries = 100, .blocking = true});
struct DataOptions {
    std::string name = {}; // for messages, stats and the inspector; "": "cache_data#N"
    std::chrono::duration<double>
        ttl{};                     // 0: entries never expire; else freed this long after insertion
    std::size_t max_entries = 0;   // 0: unbounded; else least recently used entries go first
    std::size_t max_bytes = 0;     // 0: unbounded (the global budget still applies)
    bool blocking = false;         // false: the loader runs on a worker thread (R5)
    bool show_spinner = true;      // show a spinner in place while a load is pending
    std::string spinner_text = {}; // "": "Running <name>..."
    bool allow_widgets = true;     // false: a widget inside the loader is an error in place
    Scope scope = Scope::global;   // see Scope
    std::chrono::duration<double>
        retry_after{};         // 0: a failure stays until Retry, a key change or clear()
    std::uint32_t version = 0; // bump when the loader's meaning changes (display, persistence)
    Persist persist = Persist::none; // Persist::disk: not supported yet (std::invalid_argument)
};

// Options of cache_resource<R>. Same fields as DataOptions (minus persist) plus two hooks.
template <class R>
struct ResourceOptions {
    std::string name = {}; // for messages, stats and the inspector; "": "cache_resource#N"
    std::chrono::duration<double>
        ttl{};                     // 0: entries never expire; else freed this long after insertion
    std::size_t max_entries = 0;   // 0: unbounded; else least recently used entries go first
    std::size_t max_bytes = 0;     // 0: unbounded (the global budget still applies)
    bool blocking = false;         // false: the loader runs on a worker thread (R5)
    bool show_spinner = true;      // show a spinner in place while a load is pending
    std::string spinner_text = {}; // "": "Running <name>..."
    bool allow_widgets = true;     // false: a widget inside the loader is an error in place
    Scope scope = Scope::global;   // see Scope
    std::chrono::duration<double>
        retry_after{};         // 0: a failure stays until Retry, a key change or clear()
    std::uint32_t version = 0; // bump when the loader's meaning changes (display)
    // Called on every hit (UI thread, no lock held); false: the entry is dropped and reloaded.
    // Empty (default): every stored object is valid.
    std::function<bool(R&)> validate = {};
    // Called once for each object the cache stops holding (evicted, expired, cleared, dropped
    // by validate), on the UI thread (drained at the start of the next frame), after the last
    // Cached<R> holding it is gone. Empty (default): the object is just destroyed.
    std::function<void(R&)> on_release = {};
};

// [SECTION] Cached<T> ------------------------------------------------------------------------

namespace detail {
enum class CachedState : std::uint8_t { pending, ready, failed };
struct CallInfo {      // why a Cached is not ready (shared, built only off the hot path)
    std::string name;  // the cached function's name
    std::string error; // the exception text when failed
};
} // namespace detail

// The result of calling a cached function: ready (holds the value), pending (a load is running
// or queued) or failed (the loader threw; error() says why). For cache_resource it is
// Cached<R> (a mutable object shared by every caller); for cache_data, Cached<const D>.
// Cheap to copy. Holding one keeps its value alive even after the entry is evicted.
template <class T>
class Cached {
public:
    Cached() = default; // pending, no function

    bool ready() const noexcept { return state_ == detail::CachedState::ready; }
    bool pending() const noexcept { return state_ == detail::CachedState::pending; }
    bool failed() const noexcept { return state_ == detail::CachedState::failed; }
    // The exception text of a failed load; "" otherwise.
    const std::string& error() const noexcept {
        static const std::string none;
        return info_ && failed() ? info_->error : none;
    }
    explicit operator bool() const noexcept { return ready(); }

    // The value. Not ready: std::logic_error naming the function (and the error, when failed).
    T& operator*() const { return *checked(); }
    T* operator->() const { return checked(); }
    T& value() const { return *checked(); }
    // The shared object itself (no copy); null when not ready.
    const std::shared_ptr<T>& shared() const noexcept { return value_; }

    // A Cached<R> converts to Cached<const R>.
    template <class U>
    requires(std::is_same_v<T, const U>) Cached(const Cached<U>& other)
        : value_(other.value_), info_(other.info_), state_(other.state_) {}

    // Internal.
    Cached(std::shared_ptr<T> value, std::shared_ptr<const detail::CallInfo> info,
           detail::CachedState state) noexcept
        : value_(std::move(value)), info_(std::move(info)), state_(state) {}

private:
    template <class U>
    friend class Cached;
    T* checked() const {
        if (state_ == detail::CachedState::ready) return value_.get();
        const std::string name = info_ ? info_->name : std::string("cached function");
        if (state_ == detail::CachedState::failed)
            throw std::logic_error("imlit: " + name + " failed: " + info_->error);
        throw std::logic_error("imlit: the value of " + name +
                               " is not ready yet (test Cached<T> before using it)");
    }

    std::shared_ptr<T> value_;
    std::shared_ptr<const detail::CallInfo> info_;
    detail::CachedState state_ = detail::CachedState::pending;
};

// Inside a loader: true once a newer request for the same place (call site) superseded this
// load, or the entry it is computing was cleared. A loader may return early (its result is
// still stored under its own key) or throw (a cancelled load's exception is not remembered as
// a failure). Outside a loader: false.
bool cancelled();

// [SECTION] Stats and global control ---------------------------------------------------------

struct CacheStats {
    std::string name;                          // function name ("total" for the sum)
    std::size_t entries = 0;                   // stored values (failures not counted)
    std::size_t bytes = 0;                     // byte_size of values + recordings + overhead
    std::uint64_t hits = 0;                    // calls answered with a stored value
    std::uint64_t misses = 0;                  // calls that found no value and started or joined
                                               // a load (frames re-polling a pending one: no)
    std::uint64_t loads = 0;                   // loader runs finished (value or exception)
    std::uint64_t failures = 0;                // loader runs that threw
    std::chrono::duration<double> load_time{}; // total time spent in the loader
};

struct CacheStatsSummary {
    std::vector<CacheStats> functions; // one per live cached function, in creation order
    CacheStats total;                  // sums
};

CacheStatsSummary cache_stats();
void clear_data_caches();     // every cache_data function: all entries and remembered failures
void clear_resource_caches(); // every cache_resource function
// The global byte budget across all caches (R8). Default: 1 GiB. When the sum of all entries'
// bytes exceeds it, least recently used entries (of any function) are evicted.
void set_cache_budget(std::size_t bytes);
std::size_t cache_budget();
// An element: a table of every cached function (entries, bytes, hits, misses, loads, load
// time) with a Clear button each and a "Clear all" button. Call it from a frame function (not
// from inside a loader: it is drawn with raw Dear ImGui inside imlit::custom).
void cache_inspector();

// [SECTION] byte_size ------------------------------------------------------------------------
// The memory an entry holds, for max_bytes and the global budget. Provide
// `std::size_t byte_size(const T&)` in T's namespace for your types (found by ADL); a type with
// a member `byte_size()` uses it; the fallback is sizeof(T).

template <class T>
std::size_t byte_size(const T& value);
template <class C, class Tr, class A>
std::size_t byte_size(const std::basic_string<C, Tr, A>& s);
template <class T, class A>
std::size_t byte_size(const std::vector<T, A>& v);
template <class T, std::size_t N>
std::size_t byte_size(const std::array<T, N>& a);
template <class K, class V, class C, class A>
std::size_t byte_size(const std::map<K, V, C, A>& m);
template <class K, class V, class H, class E, class A>
std::size_t byte_size(const std::unordered_map<K, V, H, E, A>& m);
template <class T>
std::size_t byte_size(const std::shared_ptr<T>& p);
template <class A, class B>
std::size_t byte_size(const std::pair<A, B>& p);
inline std::size_t byte_size(const Texture& t);
inline std::size_t byte_size(const Table& t);
namespace detail {
template <class T>
std::size_t size_of(const T& v) {
    using imlit::byte_size;
    return byte_size(v);
}
} // namespace detail

template <class C, class Tr, class A>
std::size_t byte_size(const std::basic_string<C, Tr, A>& s) {
    const std::size_t sso = 15 / sizeof(C);
    return sizeof(s) + (s.capacity() > sso ? (s.capacity() + 1) * sizeof(C) : 0);
}
template <class T, class A>
std::size_t byte_size(const std::vector<T, A>& v) {
    std::size_t n = sizeof(v) + (v.capacity() - v.size()) * sizeof(T);
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>)
        n += v.size() * sizeof(T);
    else
        for (const auto& e : v)
            n += detail::size_of(e);
    return n;
}
template <class T, std::size_t N>
std::size_t byte_size(const std::array<T, N>& a) {
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) return sizeof(a);
    std::size_t n = 0;
    for (const auto& e : a)
        n += detail::size_of(e);
    return n;
}
template <class K, class V, class C, class A>
std::size_t byte_size(const std::map<K, V, C, A>& m) {
    std::size_t n = sizeof(m);
    for (const auto& [k, v] : m)
        n += detail::size_of(k) + detail::size_of(v) + 32; // node links
    return n;
}
template <class K, class V, class H, class E, class A>
std::size_t byte_size(const std::unordered_map<K, V, H, E, A>& m) {
    std::size_t n = sizeof(m) + m.bucket_count() * sizeof(void*);
    for (const auto& [k, v] : m)
        n += detail::size_of(k) + detail::size_of(v) + 16; // node
    return n;
}
template <class T>
std::size_t byte_size(const std::shared_ptr<T>& p) {
    return sizeof(p) + (p ? detail::size_of(*p) + 16 : 0); // 16: control block
}
template <class A, class B>
std::size_t byte_size(const std::pair<A, B>& p) {
    return detail::size_of(p.first) + detail::size_of(p.second);
}
inline std::size_t byte_size(const Texture& t) {
    return sizeof(t) + t.byte_size();
}
inline std::size_t byte_size(const Table& t) {
    std::size_t n = sizeof(t);
    for (const auto& c : t.columns) {
        n += byte_size(c.name);
        if (const auto* s = std::get_if<std::vector<std::string>>(&c.values))
            n += byte_size(*s);
        else
            n += byte_size(std::get<std::vector<double>>(c.values));
    }
    return n;
}
// Fallback: arithmetic and any other type: its member byte_size() if it has one, else sizeof.
template <class T>
std::size_t byte_size(const T& value) {
    if constexpr (requires {
                      { value.byte_size() } -> std::convertible_to<std::size_t>;
                  })
        return sizeof(T) + value.byte_size();
    else
        return sizeof(T);
}

// [SECTION] Core (internal) ------------------------------------------------------------------
namespace detail {

class FunctionCore; // src/cache/cache.cpp: trie, entries, loads, bounds, stats

struct CoreOptions {
    std::string name;
    std::chrono::duration<double> ttl{};
    std::size_t max_entries = 0;
    std::size_t max_bytes = 0;
    bool blocking = false;
    bool show_spinner = true;
    std::string spinner_text;
    bool allow_widgets = true;
    Scope scope = Scope::global;
    std::chrono::duration<double> retry_after{};
    std::uint32_t version = 0;
    bool resource = false; // cache_resource (else cache_data)
};

// What a loader run produced: the value (type-erased) and its byte_size.
struct LoadResult {
    std::shared_ptr<void> value;
    std::size_t bytes = 0;
};
using LoadFn = std::function<LoadResult()>;

// A non-owning callable reference, so the hot path builds no std::function.
template <class Sig>
class FunctionRef;
template <class R>
class FunctionRef<R()> {
public:
    template <class F>
    FunctionRef(F& f) noexcept // NOLINT: implicit on purpose
        : obj_(&f), call_([](void* o) -> R { return (*static_cast<F*>(o))(); }) {}
    R operator()() const { return call_(obj_); }

private:
    void* obj_;
    R (*call_)(void*);
};

struct CallResult {
    std::shared_ptr<void> value;          // set when ready
    std::shared_ptr<const CallInfo> info; // set when not ready
    CachedState state = CachedState::pending;
};

std::shared_ptr<FunctionCore> make_core(CoreOptions options, std::function<bool(void*)> validate);
// The whole cached call: lookup (walking the widget trie), replay or display, and on a miss
// make_load() (called only then) to get the loader bound to copies of the arguments.
// `direct` is used instead when the load runs inline (blocking/nested/plain thread): it calls
// the loader with the caller's arguments without copying them.
CallResult call(FunctionCore& core, const std::shared_ptr<FunctionCore>& owner, Hash128 args,
                FunctionRef<LoadFn()> make_load, FunctionRef<LoadResult()> direct);
void clear(FunctionCore& core);
void clear(FunctionCore& core, Hash128 args);
CacheStats stats(const FunctionCore& core);
const std::string& name(const FunctionCore& core);

// Throws std::invalid_argument for options that are not supported.
void check_persist(Persist persist, std::string_view name);

// Loader signature deduction (non-generic callables and function pointers).
template <class F>
struct loader_traits : loader_traits<decltype(&F::operator())> {};
template <class R, class... A>
struct loader_traits<R (*)(A...)> {
    using result = R;
    using params = std::tuple<A...>;
};
template <class R, class... A>
struct loader_traits<R (*)(A...) noexcept> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...)> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) const> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) noexcept> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) const noexcept> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...)&> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) const&> : loader_traits<R (*)(A...)> {};

template <class F>
concept NonGenericLoader = std::is_function_v<std::remove_pointer_t<F>> || requires {
    &F::operator();
};

// Hash one argument as the loader's parameter type P: f(1) and f(1.0) share an entry when the
// loader takes a double; strings of any form hash alike without building a std::string.
template <class P, class A>
void append_arg(Hasher& h, const A& a) {
    using DP = std::remove_cvref_t<P>;
    using DA = std::remove_cvref_t<A>;
    if constexpr (std::is_same_v<DP, DA> || is_unhashed_v<DA> || is_keyed_v<DA>)
        h(a);
    else if constexpr (std::is_convertible_v<const A&, std::string_view> &&
                       std::is_convertible_v<std::string_view, DP>)
        h(std::string_view(a));
    else if constexpr (std::is_arithmetic_v<DP> && std::is_arithmetic_v<DA>)
        h(static_cast<DP>(a));
    else if constexpr (std::is_constructible_v<DP, const A&> && Hashable<DP>)
        h(DP(a));
    else
        h(a);
}

// (GCC's sanitizer builds warn that the Hasher's deliberately lazy XXH3 state "may be used
// uninitialized"; it is only read after start() sets it up.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
template <class... P, class... A>
Hash128 hash_call(std::tuple<P...>*, const A&... a) {
    Hasher h;
    h.put_tag_u64(HashTag::args, sizeof...(A));
    (append_arg<P>(h, a), ...);
    return h.digest();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// A loader's parameter as stored for an asynchronous run: a value (the argument is copied).
template <class P>
using stored_param_t = std::remove_cvref_t<P>;

} // namespace detail

// [SECTION] CachedFunction, cache_resource, cache_data ---------------------------------------

// What cache_resource / cache_data return. Copies share one cache. Call it like the loader.
template <class F, bool Resource>
class CachedFunction {
    using Traits = detail::loader_traits<F>;
    using Params = typename Traits::params;
    using Result = std::remove_cvref_t<typename Traits::result>;
    static_assert(!std::is_void_v<Result>, "imlit: a cached loader must return a value");

public:
    using value_type = std::conditional_t<Resource, Result, const Result>;

    CachedFunction(F loader, detail::CoreOptions options, std::function<bool(void*)> validate,
                   std::function<void(Result&)> on_release)
        : loader_(std::make_shared<F>(std::move(loader))),
          on_release_(on_release
                          ? std::make_shared<std::function<void(Result&)>>(std::move(on_release))
                          : nullptr),
          core_(detail::make_core(std::move(options), std::move(validate))) {}

    // Look up (or start loading) the entry for these arguments. See Cached<T>.
    template <class... A>
    Cached<value_type> operator()(A&&... args) const {
        static_assert(sizeof...(A) == std::tuple_size_v<Params>,
                      "imlit: a cached function takes the same number of arguments as its loader");
        const Hash128 key = detail::hash_call(static_cast<Params*>(nullptr), args...);
        auto make_load = [&]() -> detail::LoadFn { return make_async(args...); };
        auto direct = [&]() -> detail::LoadResult {
            return run(std::make_index_sequence<sizeof...(A)>{}, unwrap_arg(args)...);
        };
        detail::CallResult r = detail::call(*core_, core_, key, make_load, direct);
        return Cached<value_type>(std::static_pointer_cast<value_type>(std::move(r.value)),
                                  std::move(r.info), r.state);
    }

    // Drop every entry (and remembered failure) of this function.
    void clear() const { detail::clear(*core_); }
    // Drop the entries for these arguments (every widget state, every session).
    template <class... A>
    requires(sizeof...(A) > 0) void clear(A&&... args) const {
        static_assert(sizeof...(A) == std::tuple_size_v<Params>,
                      "imlit: clear(args...) takes the same arguments as the loader");
        detail::clear(*core_, detail::hash_call(static_cast<Params*>(nullptr), args...));
    }
    CacheStats stats() const { return detail::stats(*core_); }
    const std::string& name() const { return detail::name(*core_); }

private:
    // Wrap the loader's result as a shared object (released on the UI thread when on_release
    // is set) and measure it.
    detail::LoadResult wrap(Result&& value) const {
        detail::LoadResult out;
        out.bytes = detail::size_of(value);
        if (on_release_) {
            auto release = on_release_;
            out.value = std::shared_ptr<Result>(new Result(std::move(value)), [release](Result* p) {
                release_on_ui_thread(p, release);
            });
        } else {
            out.value = std::make_shared<Result>(std::move(value));
        }
        return out;
    }
    static void release_on_ui_thread(Result* p,
                                     std::shared_ptr<std::function<void(Result&)>> release);

    template <std::size_t... I, class... U>
    detail::LoadResult run(std::index_sequence<I...>, U&&... unwrapped) const {
        return wrap(Result((*loader_)(std::forward<U>(unwrapped)...)));
    }

    template <class... A>
    detail::LoadFn make_async(A&... args) const {
        return make_async_impl(std::make_index_sequence<sizeof...(A)>{}, args...);
    }
    template <std::size_t... I, class... A>
    detail::LoadFn make_async_impl(std::index_sequence<I...>, A&... args) const {
        using Stored = std::tuple<detail::stored_param_t<std::tuple_element_t<I, Params>>...>;
        auto stored = std::make_shared<Stored>(unwrap_arg(args)...);
        return [self = *this, stored]() -> detail::LoadResult {
            return self.wrap(Result((*self.loader_)(
                static_cast<std::tuple_element_t<I, Params>&&>(std::get<I>(*stored))...)));
        };
    }

    std::shared_ptr<F> loader_;
    std::shared_ptr<std::function<void(Result&)>> on_release_;
    std::shared_ptr<detail::FunctionCore> core_;
};

namespace detail {
void post_release(std::function<void()> task); // detail::post_to_ui_thread, from src/cache
}

template <class F, bool Resource>
void CachedFunction<F, Resource>::release_on_ui_thread(
    Result* p, std::shared_ptr<std::function<void(Result&)>> release) {
    // Owned by a shared holder so the object is still freed if the task never runs (the
    // process ends before another frame).
    struct Holder {
        std::unique_ptr<Result> object;
        std::shared_ptr<std::function<void(Result&)>> release;
        void run() {
            if (object) (*release)(*object);
            object.reset();
        }
    };
    auto holder = std::make_shared<Holder>(Holder{std::unique_ptr<Result>(p), std::move(release)});
    detail::post_release([holder] { holder->run(); });
}

// A cached shared object per key (models, connections, GPU resources): Cached<R> holds a
// std::shared_ptr<R> shared by every caller. R is the loader's return type (the loader must
// not be a generic lambda).
template <class F>
requires detail::NonGenericLoader<F>
auto cache_resource(
    F loader,
    ResourceOptions<std::remove_cvref_t<typename detail::loader_traits<F>::result>> options = {}) {
    using R = std::remove_cvref_t<typename detail::loader_traits<F>::result>;
    detail::CoreOptions core{std::move(options.name),
                             options.ttl,
                             options.max_entries,
                             options.max_bytes,
                             options.blocking,
                             options.show_spinner,
                             std::move(options.spinner_text),
                             options.allow_widgets,
                             options.scope,
                             options.retry_after,
                             options.version,
                             true};
    std::function<bool(void*)> validate;
    if (options.validate)
        validate = [v = std::move(options.validate)](void* p) { return v(*static_cast<R*>(p)); };
    return CachedFunction<F, true>(std::move(loader), std::move(core), std::move(validate),
                                   std::move(options.on_release));
}

// A cached immutable value per key (data frames, computed results): Cached<const D> holds a
// std::shared_ptr<const D>, shared without copying.
template <class F>
requires detail::NonGenericLoader<F>
auto cache_data(F loader, DataOptions options = {}) {
    detail::check_persist(options.persist, options.name);
    detail::CoreOptions core{std::move(options.name),
                             options.ttl,
                             options.max_entries,
                             options.max_bytes,
                             options.blocking,
                             options.show_spinner,
                             std::move(options.spinner_text),
                             options.allow_widgets,
                             options.scope,
                             options.retry_after,
                             options.version,
                             false};
    return CachedFunction<F, false>(std::move(loader), std::move(core), {}, {});
}

} // namespace imlit
