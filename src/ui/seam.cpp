// imlit internal — the seam: recordings, sessions, contexts, scopes, replay, redraw signal.
//
// Index
//   [SECTION] Arena
//   [SECTION] Recording
//   [SECTION] Widget value hashing
//   [SECTION] Ids
//   [SECTION] Redraw signal, work counter, UI-thread tasks
//   [SECTION] Session
//   [SECTION] Context
//   [SECTION] RecordScope, LoaderContext
//   [SECTION] Replay and reads
//   [SECTION] Framework-owned UI
#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include <imgui.h>

#include "ui/context.hpp"
#include "ui/data_table.hpp"
#include "ui/exception_text.hpp"
#include "ui/render_text.hpp"
#include "ui/widget_values.hpp"

namespace imlit::detail {

// [SECTION] Arena ------------------------------------------------------------------------------

Arena::~Arena() {
    for (auto it = dtors_.rbegin(); it != dtors_.rend(); ++it)
        it->fn(it->p);
    for (char* c : chunks_)
        ::operator delete(c);
}

void* Arena::allocate(std::size_t size, std::size_t align) {
    std::size_t pad = cur_ ? (align - reinterpret_cast<std::uintptr_t>(cur_) % align) % align : 0;
    if (cur_ == nullptr || pad + size > left_) {
        std::size_t n = std::max(next_chunk_, size + align);
        if (next_chunk_ < 64 * 1024) next_chunk_ *= 2;
        char* c = static_cast<char*>(::operator new(n));
        chunks_.push_back(c);
        bytes_ += n;
        cur_ = c;
        left_ = n;
        pad = (align - reinterpret_cast<std::uintptr_t>(cur_) % align) % align;
    }
    char* p = cur_ + pad;
    cur_ = p + size;
    left_ -= pad + size;
    return p;
}

std::string_view Arena::intern(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
}

// [SECTION] Recording ---------------------------------------------------------------------------

Recording::Recording(Site site) : site_(site), impl_(std::make_unique<Impl>()) {}
Recording::~Recording() = default;

std::size_t Recording::size() const {
    return impl_->count.load(std::memory_order_acquire);
}
std::size_t Recording::byte_size() const {
    // Footprints are made on the first replays, after the entry is stored: counted up front.
    return sizeof(Recording) + sizeof(Impl) + impl_->bytes.load(std::memory_order_acquire) +
           size() * sizeof(Footprint) + reads_.capacity() * sizeof(WidgetRead) + [&] {
               std::size_t n = 0;
               for (const WidgetRead& r : reads_)
                   for (const std::string* t : {&r.label, &r.shown})
                       n += t->capacity() > 15 ? t->capacity() : 0; // beyond the SSO buffer
               return n;
           }();
}

Recording::Impl::~Impl() {
    const std::size_t n = count.load(std::memory_order_acquire);
    (void)n;
    for (std::size_t s = 0; s < segments.size(); ++s)
        delete[] segments[s];
}

void Recording::Impl::update_bytes() {
    std::size_t seg_bytes = 0;
    for (std::size_t s = 0; s < segments.size() && segments[s]; ++s)
        seg_bytes += (kFirst << s) * sizeof(Command);
    bytes.store(seg_bytes + arena.byte_size() + open_begins.capacity() * sizeof(std::uint32_t),
                std::memory_order_release);
}

namespace {

std::size_t table_heap_bytes(const Table& t) {
    std::size_t n = t.columns.capacity() * sizeof(Table::Column);
    for (const auto& col : t.columns) {
        n += col.name.capacity();
        if (auto* s = std::get_if<std::vector<std::string>>(&col.values)) {
            n += s->capacity() * sizeof(std::string);
            for (const auto& x : *s)
                n += x.capacity() > 15 ? x.capacity() : 0;
        } else if (auto* d = std::get_if<std::vector<double>>(&col.values)) {
            n += d->capacity() * sizeof(double);
        }
    }
    return n;
}

// A self-contained copy of `cmd` whose views point into `a`.
Command intern_command(Arena& a, const Command& cmd) {
    return std::visit(
        [&](const auto& c) -> Command {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, TextCmd>) {
                return TextCmd{c.style, a.intern(c.text)};
            } else if constexpr (std::is_same_v<T, CalloutCmd>) {
                return CalloutCmd{c.kind, a.intern(c.text)};
            } else if constexpr (std::is_same_v<T, MarkdownCmd>) {
                // Kept alive by the arena; shared with other recordings of the same text.
                const auto* owner = a.make<std::shared_ptr<const MarkdownDocument>>(
                    c.document ? c.document->shared_from_this() : markdown_document(c.source));
                a.add_external((*owner)->bytes);
                return MarkdownCmd{a.intern(c.source), owner->get()};
            } else if constexpr (std::is_same_v<T, CodeCmd>) {
                return CodeCmd{a.intern(c.source), a.intern(c.language)};
            } else if constexpr (std::is_same_v<T, ExceptionCmd>) {
                return ExceptionCmd{a.intern(c.type), a.intern(c.what)};
            } else if constexpr (std::is_same_v<T, SeparatorCmd>) {
                return c;
            } else if constexpr (std::is_same_v<T, ProgressCmd>) {
                return ProgressCmd{c.fraction, a.intern(c.text)};
            } else if constexpr (std::is_same_v<T, SpinnerCmd>) {
                return SpinnerCmd{a.intern(c.text), c.elapsed};
            } else if constexpr (std::is_same_v<T, const MetricCmd*>) {
                return static_cast<const MetricCmd*>(a.make<MetricCmd>(MetricCmd{
                    a.intern(c->label), a.intern(c->value), a.intern(c->delta), c->delta_color}));
            } else if constexpr (std::is_same_v<T, ImageCmd>) {
                return ImageCmd{a.make<Texture>(*c.texture), c.size};
            } else if constexpr (std::is_same_v<T, TableCmd>) {
                const Table* t = a.make<Table>(*c.table);
                a.add_external(table_heap_bytes(*t));
                return TableCmd{t, c.options};
            } else if constexpr (std::is_same_v<T, ChartCmd>) {
                return intern_chart(a, c);
            } else if constexpr (std::is_same_v<T, CustomCmd>) {
                return CustomCmd{a.make<std::function<void()>>(*c.fn)};
            } else if constexpr (std::is_same_v<T, const WidgetCmd*>) {
                WidgetCmd w = *c;
                w.label = a.intern(w.label);
                w.key = a.intern(w.key);
                w.help = a.intern(w.help);
                w.format = a.intern(w.format);
                w.def_text = a.intern(w.def_text);
                w.placeholder = a.intern(w.placeholder);
                w.bad_default = a.intern(w.bad_default);
                w.usage_error = a.intern(w.usage_error);
                w.options = a.intern_views(w.options);
                w.def_indices = a.intern_array(w.def_indices);
                if (w.table) w.table = intern_table_spec(a, *w.table);
                return static_cast<const WidgetCmd*>(a.make<WidgetCmd>(w));
            } else if constexpr (std::is_same_v<T, const BeginCmd*>) {
                BeginCmd b = *c;
                b.label = a.intern(b.label);
                b.key = a.intern(b.key);
                if (b.status) // shared, not copied: update() after recording reaches replays
                    b.status =
                        a.make<std::shared_ptr<StatusCell>>(b.status->shared_from_this())->get();
                b.weights = a.intern_array(b.weights);
                b.labels = a.intern_views(b.labels);
                b.end = a.make<std::atomic<std::uint32_t>>(0u);
                return static_cast<const BeginCmd*>(a.make<BeginCmd>(b));
            } else if constexpr (std::is_same_v<T, SlotCmd>) {
                // Shared, not copied: later writes reach replays; only the last content is kept.
                return SlotCmd{
                    a.make<std::shared_ptr<PlaceholderSlot>>(c.slot->shared_from_this())->get()};
            } else {
                static_assert(std::is_same_v<T, EndCmd>);
                return c;
            }
        },
        cmd);
}

} // namespace

std::size_t Recording::Impl::append(const Command& cmd) {
    const std::size_t i = count.load(std::memory_order_relaxed);
    auto [seg, off] = locate(i);
    auto s = static_cast<std::size_t>(seg);
    if (s >= segments.size()) throw std::length_error("imlit: recording too large");
    if (segments[s] == nullptr) segments[s] = new Command[kFirst << s];
    segments[s][off] = intern_command(arena, cmd);
    if (std::holds_alternative<const BeginCmd*>(cmd)) {
        open_begins.push_back(static_cast<std::uint32_t>(i));
    } else if (std::holds_alternative<EndCmd>(cmd) && !open_begins.empty()) {
        const Command& b = at(open_begins.back());
        open_begins.pop_back();
        std::get<const BeginCmd*>(b)->end->store(static_cast<std::uint32_t>(i + 1),
                                                 std::memory_order_release);
    }
    count.store(i + 1, std::memory_order_release);
    update_bytes();
    return i;
}

// [SECTION] Widget value hashing ------------------------------------------------------------

// imlit::Hasher's type-tagged encoding (DESIGN R1), preceded by the variant index so that
// kinds never collide (a selectbox index 1 and an int slider at 1 differ).
Hash128 hash_widget_value(const WidgetValue& v) {
    Hasher h;
    h.put_u8(static_cast<std::uint8_t>(v.index()));
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Color>)
                h(x.r, x.g, x.b, x.a);
            else if constexpr (std::is_same_v<T, Date>)
                h(x.year, x.month, x.day);
            else
                h(x);
        },
        v);
    return h.digest();
}

// [SECTION] Ids
// ------------------------------------------------------------------------------------

std::uint64_t call_site_hash(const std::source_location& where) {
    const char* file = where.file_name();
    const std::uint64_t line_column =
        (static_cast<std::uint64_t>(where.line()) << 32) | where.column();
    return XXH3_64bits_withSeed(file, std::strlen(file), line_column);
}

std::uint64_t segment_hash(std::uint64_t tag, std::string_view s) {
    return XXH3_64bits_withSeed(s.data(), s.size(), tag);
}
std::uint64_t segment_hash(std::uint64_t tag, std::uint64_t n) {
    return XXH3_64bits_withSeed(&n, sizeof n, tag ^ 0x5bd1e995u);
}
std::uint64_t mul_pow(std::uint32_t n) {
    std::uint64_t r = 1, b = kPathMul;
    while (n) {
        if (n & 1) r *= b;
        b *= b;
        n >>= 1;
    }
    return r;
}

std::uint32_t IdCounter::next(std::uint64_t id) {
    if ((size_ + 1) * 2 > slots_.size()) {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{0, 0, 0});
        const std::uint32_t g = gen_;
        size_ = 0;
        for (const Slot& s : old) {
            if (s.gen != g) continue;
            const std::size_t mask = slots_.size() - 1;
            std::size_t i = static_cast<std::size_t>(s.id * 0x9E3779B97F4A7C15ull >> 20) & mask;
            while (slots_[i].gen == g)
                i = (i + 1) & mask;
            slots_[i] = s;
            ++size_;
        }
    }
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(id * 0x9E3779B97F4A7C15ull >> 20) & mask;
    while (slots_[i].gen == gen_) {
        if (slots_[i].id == id) return slots_[i].count++;
        i = (i + 1) & mask;
    }
    slots_[i] = {id, gen_, 1};
    ++size_;
    return 0;
}

bool IdSet::insert(std::uint64_t id) {
    if ((size_ + 1) * 2 > slots_.size()) {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{0, 0});
        const std::uint32_t g = gen_;
        size_ = 0;
        for (const Slot& s : old)
            if (s.gen == g) insert(s.id);
    }
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(id * 0x9E3779B97F4A7C15ull >> 20) & mask;
    while (slots_[i].gen == gen_) {
        if (slots_[i].id == id) return false;
        i = (i + 1) & mask;
    }
    slots_[i] = {id, gen_};
    ++size_;
    return true;
}

// [SECTION] Redraw signal, work counter, UI-thread tasks ---------------------------------------

namespace {
// Reached from threads that can outlive static destruction at exit (detached load workers, the
// file-stamp watcher): never destroyed, so a redraw request or a posted task during exit finds
// them intact. (The atomics below have trivial destructors.)
struct Signals {
    std::mutex redraw_mutex;
    std::condition_variable redraw_cv;
    std::mutex tasks_mutex;
    std::vector<std::function<void()>> tasks;
};
Signals& signals() {
    static Signals* s = new Signals();
    return *s;
}
std::atomic<std::uint64_t> g_generation{0};
std::atomic<std::uint64_t> g_animation_generation{0};
std::atomic<void (*)()> g_waker{nullptr};
std::atomic<std::size_t> g_work{0};
std::atomic<std::uint64_t> g_session_ids{0};
std::atomic<void (*)()> g_frame_end_observer{nullptr};
} // namespace

void set_redraw_waker(void (*waker)()) {
    g_waker.store(waker, std::memory_order_release);
}
void begin_frame_epoch(FrameCounter& frames) {
    frames.begun.fetch_add(1, std::memory_order_relaxed);
    g_frame_epoch.fetch_add(1, std::memory_order_relaxed);
}
void end_frame_epoch(FrameCounter& frames) {
    frames.completed.fetch_add(1, std::memory_order_release);
    if (auto observer = g_frame_end_observer.load(std::memory_order_acquire)) observer();
}
void set_frame_end_observer(void (*observer)()) {
    g_frame_end_observer.store(observer, std::memory_order_release);
}

std::uint64_t redraw_generation() {
    return g_generation.load(std::memory_order_acquire);
}

void request_animation_frame() {
    // Counted before the redraw itself: a loop that sees the new redraw generation sees this
    // one too, so it never mistakes an animation for news.
    g_animation_generation.fetch_add(1, std::memory_order_acq_rel);
    imlit::request_redraw();
}
std::uint64_t animation_generation() {
    return g_animation_generation.load(std::memory_order_acquire);
}

std::uint64_t wait_for_redraw(std::uint64_t seen, std::chrono::milliseconds timeout) {
    Signals& sig = signals();
    std::unique_lock lock(sig.redraw_mutex);
    sig.redraw_cv.wait_for(lock, timeout, [&] { return redraw_generation() != seen; });
    return redraw_generation();
}

void work_started() {
    g_work.fetch_add(1, std::memory_order_acq_rel);
}
void work_finished() {
    g_work.fetch_sub(1, std::memory_order_acq_rel);
    request_redraw();
}
std::size_t work_in_flight() {
    return g_work.load(std::memory_order_acquire);
}

void post_to_ui_thread(std::function<void()> task) {
    {
        Signals& sig = signals();
        std::lock_guard lock(sig.tasks_mutex);
        sig.tasks.push_back(std::move(task));
    }
    request_redraw();
}

std::vector<std::string> drain_ui_thread_tasks() {
    std::vector<std::string> errors;
    std::vector<std::function<void()>> tasks;
    {
        Signals& sig = signals();
        std::lock_guard lock(sig.tasks_mutex);
        if (sig.tasks.empty()) return errors;
        tasks.swap(sig.tasks);
    }
    for (auto& t : tasks) {
        try {
            t();
        } catch (const UiTaskError& e) {
            errors.emplace_back(e.what());
        } catch (...) {
            errors.push_back("a UI-thread task threw: " +
                             describe_exception(std::current_exception()));
        }
        t = nullptr; // what it captured (a released object) goes now, in order
    }
    for (const std::string& e : errors)
        std::fprintf(stderr, "imlit: %s\n", e.c_str());
    return errors;
}

} // namespace imlit::detail

void imlit::request_redraw() {
    using namespace imlit::detail;
    Signals& sig = signals();
    {
        std::lock_guard lock(sig.redraw_mutex);
        g_generation.fetch_add(1, std::memory_order_acq_rel);
    }
    sig.redraw_cv.notify_all();
    if (auto w = g_waker.load(std::memory_order_acquire)) w();
}

namespace imlit::detail {

// [SECTION] Session -------------------------------------------------------------------------------

Session::Session(SessionOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = options;
    impl_->id = g_session_ids.fetch_add(1) + 1;
    // A manual clock starts a day in, so "an hour ago" is still a valid time point.
    impl_->clock = options.manual_clock
                       ? ClockDomain::manual(Clock::time_point(std::chrono::hours(24)))
                       : ClockDomain::real();
}

std::shared_ptr<Session> Session::create(SessionOptions options) {
    return std::make_shared<Session>(options);
}

Session::~Session() {
    end();
}

void Session::end() {
    std::vector<std::function<void()>> fns;
    {
        std::lock_guard lock(impl_->end_mutex);
        if (impl_->ended) return;
        impl_->ended = true;
        impl_->frames->ended.store(true, std::memory_order_release);
        fns.swap(impl_->on_end);
    }
    for (auto& f : fns)
        f();
}

bool Session::ended() const {
    return impl_->frames->ended.load(std::memory_order_acquire);
}

const std::shared_ptr<FrameCounter>& Session::frames() const {
    return impl_->frames;
}

std::uint64_t Session::id() const {
    return impl_->id;
}

Clock::time_point Session::now() const {
    return impl_->clock->now();
}

const std::shared_ptr<ClockDomain>& Session::clock_domain() const {
    return impl_->clock;
}

void Session::advance_clock(Clock::duration d) {
    if (!impl_->options.manual_clock)
        throw std::logic_error("imlit: Session::advance_clock needs SessionOptions.manual_clock");
    impl_->clock->advance(d);
    request_redraw();
}

// [SECTION] ClockDomain -----------------------------------------------------------------------

const std::shared_ptr<ClockDomain>& ClockDomain::real() {
    static const auto* real = new std::shared_ptr<ClockDomain>( // never destroyed: used at exit
        std::make_shared<ClockDomain>(false, Clock::time_point{}));
    return *real;
}

std::shared_ptr<ClockDomain> ClockDomain::manual(Clock::time_point start) {
    return std::make_shared<ClockDomain>(true, start);
}

void ClockDomain::advance(Clock::duration d) {
    if (d.count() < 0)
        throw std::invalid_argument(
            fmt::format("advance_clock: the duration must be >= 0 (got {} ns)", d.count()));
    // One thread moves a session's clock (its UI thread); others only read it.
    const Clock::rep now = ticks_.load(std::memory_order_relaxed);
    if (d.count() > std::numeric_limits<Clock::rep>::max() - now)
        throw std::invalid_argument(fmt::format(
            "advance_clock: {} s would move the clock past its range (~292 years in all)",
            std::chrono::duration<double>(d).count()));
    ticks_.store(now + d.count(), std::memory_order_release);
}

void Session::on_end(std::function<void()> fn) {
    {
        std::lock_guard lock(impl_->end_mutex);
        if (!impl_->ended) {
            impl_->on_end.push_back(std::move(fn));
            return;
        }
    }
    fn(); // already over: a hook registered late still runs
}

// run_frame lives in page.cpp (layout).

// [SECTION] Context
// ---------------------------------------------------------------------------------

Context::Context(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Context::~Context() = default;

Context* set_current_context(Context* c) {
    ++t_context_sets;
    return std::exchange(t_current_context, c);
}

Session& Context::session() const {
    if (impl_->session == nullptr)
        throw std::logic_error("imlit: this cached loader has no session (called from a plain "
                               "thread), so widgets are not available");
    return *impl_->session;
}
Site Context::site() const {
    // A pending group or placeholder is not a place for output (output there closes it): a
    // cached call made there is keyed and recorded at its parent.
    for (std::size_t i = impl_->stack.size(); i-- > 0;) {
        const Level& l = impl_->stack[i];
        if (!l.pending) return {l.path, l.depth};
    }
    return {};
}
bool Context::drawing() const {
    return impl_->visible();
}
Clock::time_point Context::now() const {
    return impl_->session ? impl_->session->now() : Clock::now();
}

RelId Context::relative_to(Site site, std::uint64_t full, std::uint32_t depth) const {
    if (depth < site.depth) return {full, 0};
    const std::uint64_t pow = mul_pow(depth - site.depth);
    return {full - site.path * pow, pow};
}

Context::Impl& require_context(const char* function) {
    if (t_current_context == nullptr)
        throw std::logic_error(fmt::format(
            "imlit::{}() called outside a frame function or cached loader (no imlit context on "
            "this thread)",
            function));
    return t_current_context->impl();
}

// [SECTION] RecordScope, LoaderContext ---------------------------------------------------------

RecordScope::RecordScope(Recording& rec, ScopeInfo info) {
    Context::Impl& c = require_context("RecordScope");
    ctx_ = t_current_context;
    raw_check(c);
    Recorder r{&rec, info, c.stack.size() - 1};
    r.saved_replaying = std::exchange(c.replaying, 0);
    c.recorders.push_back(r);
    raw_arm(c);
}

RecordScope::~RecordScope() {
    Context::Impl& c = ctx_->impl();
    if (c.recorders.empty()) return;
    raw_check(c);
    const std::size_t base = c.recorders.back().base_level;
    // Containers opened inside the scope and still open: close them so the recording balances.
    while (c.stack.size() > base + 1)
        close_level_token(c, c.stack.back().token);
    Recording::Impl& r = c.recorders.back().rec->impl();
    while (!r.open_begins.empty())
        r.append(EndCmd{});
    c.replaying = c.recorders.back().saved_replaying;
    c.recorders.pop_back();
    raw_arm(c);
}

LoaderContext::LoaderContext(std::shared_ptr<Session> session, Site site) {
    auto impl = std::make_unique<Context::Impl>();
    impl->session = session.get();
    impl->session_owner = std::move(session);
    impl->frame = false;
    impl->drawing = false;
    Level root;
    root.kind = ContainerKind::root;
    root.path = site.path;
    root.depth = site.depth;
    root.visible = false;
    impl->stack.push_back(std::move(root));
    ctx_ = std::make_unique<Context>(std::move(impl));
    previous_ = set_current_context(ctx_.get());
}

LoaderContext::~LoaderContext() {
    Context::Impl& c = ctx_->impl();
    while (c.stack.size() > 1)
        close_level_token(c, c.stack.back().token);
    set_current_context(previous_);
}

// [SECTION] Replay and reads ------------------------------------------------------------------

namespace {
// Index of the EndCmd matching the BeginCmd at `begin` (or `count` when not published yet).
std::size_t matching_end(const Recording::Impl& r, std::size_t begin, std::size_t count) {
    const auto* b = std::get<const BeginCmd*>(r.at(begin));
    if (b->end) {
        const std::uint32_t e = b->end->load(std::memory_order_acquire);
        if (e != 0 && e - 1 < count) return e - 1;
    }
    int depth = 0;
    for (std::size_t i = begin + 1; i < count; ++i) {
        const Command& c = r.at(i);
        if (std::holds_alternative<const BeginCmd*>(c)) {
            ++depth;
        } else if (std::holds_alternative<EndCmd>(c)) {
            if (depth == 0) return i;
            --depth;
        }
    }
    return count;
}

// Levels at or below the floor belong to the caller; the replay closes only its own. A pending
// level of the caller settled by the replay's output lowers the floor (pop_level).
struct ReplayGuard {
    Context::Impl& c;
    std::size_t saved_floor;
    explicit ReplayGuard(Context::Impl& ctx) : c(ctx), saved_floor(ctx.replay_floor) {
        c.replay_floor = c.stack.size();
        ++c.replaying;
    }
    ~ReplayGuard() {
        while (c.stack.size() > c.replay_floor)
            close_level_token(c, c.stack.back().token);
        --c.replaying;
        c.replay_floor = std::min(saved_floor, c.stack.size());
        raw_arm(c); // what the replay drew is not raw Dear ImGui
    }
};

// emit() without the raw Dear ImGui checks (replay() does them once around the whole replay).
void replay_command(Context::Impl& c, const Command& cmd) {
    settle_pending(c); // as emit(): output below a pending group or placeholder closes it
    if (!c.recorders.empty()) c.recorders.back().rec->impl().append(cmd);
    execute(c, cmd);
}

// A text() or caption() in view whose size the footprint knows (false: not drawn).
bool draw_known_text(const TextCmd& t, ImVec2 size) {
    if (t.style != TextStyle::text && t.style != TextStyle::caption) return false;
    return draw_known_text_item(
        t.text, size, t.style == TextStyle::caption ? ImGuiCol_TextDisabled : ImGuiCol_Text);
}

// Commands whose only effect is layout (replay_clipper.hpp): skipped when out of view.
constexpr bool layout_only(std::size_t index) {
    return index == kCommandIndex<TextCmd> || index == kCommandIndex<CalloutCmd> ||
           index == kCommandIndex<MarkdownCmd> || index == kCommandIndex<CodeCmd> ||
           index == kCommandIndex<ExceptionCmd> || index == kCommandIndex<const MetricCmd*>;
}
} // namespace

// Record-time group ids -> the ids the same groups have in this replay (a recording replayed
// under another container, or after other containers, gets new group ids). Groups made outside
// the recording are not in the map and keep their (absolute) ids.
namespace {
class GroupMap {
public:
    void add(std::uint64_t recorded, std::uint64_t now) {
        if (n_ < small_.size())
            small_[n_++] = {recorded, now};
        else
            more_.emplace_back(recorded, now);
    }
    std::uint64_t map(std::uint64_t recorded) const {
        for (std::size_t i = n_; i-- > 0;)
            if (small_[i].first == recorded) return small_[i].second;
        for (auto it = more_.rbegin(); it != more_.rend(); ++it)
            if (it->first == recorded) return it->second;
        return recorded;
    }

private:
    std::array<std::pair<std::uint64_t, std::uint64_t>, 8> small_{};
    std::size_t n_ = 0;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> more_;
};
} // namespace

void replay(const Recording& rec, std::size_t count) {
    Context::Impl& c = require_context("replay");
    const Recording::Impl& r = rec.impl();
    count = std::min(count, rec.size());
    raw_check(c); // raw Dear ImGui drawn before the replay started
    ReplayGuard guard(c);
    std::optional<ReplayClipper> clipper;
    if (c.drawing) clipper.emplace(r.footprints, count);
    GroupMap groups;
    for (std::size_t i = 0; i < count; ++i) {
        const Command& cmd = r.at(i);
        const std::size_t kind = cmd.index();
        if (layout_only(kind)) {
            settle_pending(c); // first: a skipped command's space goes below a closed group
            using Step = ReplayClipper::Step;
            const Step step = clipper && c.visible() ? clipper->before(i) : Step::execute;
            bool done = step == Step::skipped;
            if (step == Step::known && kind == kCommandIndex<TextCmd> &&
                draw_known_text(*std::get_if<TextCmd>(&cmd), clipper->known_size(i))) {
                clipper->drew_known_text();
                done = true;
            }
            if (done) {
                if (!c.recorders.empty()) c.recorders.back().rec->impl().append(cmd);
                if (c.logging()) execute(c, cmd, false);
                continue;
            }
            replay_command(c, cmd);
            if (step == Step::measure) clipper->measured(i);
            continue;
        }
        if (kind == kCommandIndex<const BeginCmd*>) {
            const auto* b = std::get_if<const BeginCmd*>(&cmd);
            std::uint64_t token = 0;
            const ContainerKind kind = (*b)->kind;
            if (kind == ContainerKind::column || kind == ContainerKind::tab) {
                BeginCmd child = **b;
                child.group = groups.map((*b)->group);
                token = emit_begin(c, child);
            } else {
                token = emit_begin(c, **b);
                if (token != 0 && (kind == ContainerKind::columns || kind == ContainerKind::tabs))
                    groups.add((*b)->group, c.stack.back().path);
            }
            if (token == 0) {
                i = matching_end(r, i, count); // could not open: skip the body
                continue;
            }
            if (!c.stack.back().open && c.recorders.empty()) {
                i = matching_end(r, i, count); // closed: nothing to draw or record inside
                close_level_token(c, token);
            }
        } else if (kind == kCommandIndex<EndCmd>) {
            if (c.stack.size() > c.replay_floor) close_level_token(c, c.stack.back().token);
        } else if (kind == kCommandIndex<const WidgetCmd*>) {
            emit_widget(c, **std::get_if<const WidgetCmd*>(&cmd), nullptr);
        } else {
            replay_command(c, cmd);
        }
    }
}

void record_into_enclosing(const Recording& rec, std::size_t count) {
    Context* ctx = Context::current();
    if (ctx == nullptr) return;
    Recorder* r = ctx->impl().recorder();
    if (r == nullptr || r->rec == &rec) return;
    count = std::min(count, rec.size());
    Recording::Impl& out = r->rec->impl();
    for (std::size_t i = 0; i < count; ++i)
        out.append(rec.impl().at(i));
    // A partial recording (should not happen: scopes balance on exit) must not unbalance ours.
    std::size_t open = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const Command& c = rec.impl().at(i);
        if (std::holds_alternative<const BeginCmd*>(c))
            ++open;
        else if (std::holds_alternative<EndCmd>(c) && open > 0)
            --open;
    }
    while (open-- > 0)
        out.append(EndCmd{});
}

void report_reads(std::span<const WidgetRead> reads, Site inner_site) {
    Context* ctx = Context::current();
    if (ctx == nullptr || reads.empty()) return;
    Context::Impl& c = ctx->impl();
    Recorder* r = c.recorder();
    if (r == nullptr) return;
    const Site outer = r->rec->site();
    RelId site_rel;
    if (c.top().anchor > static_cast<int>(r->base_level))
        site_rel = {inner_site.path, 0};
    else
        site_rel = ctx->relative_to(outer, inner_site.path, inner_site.depth);
    for (const WidgetRead& w : reads)
        r->rec->add_read(
            WidgetRead{compose(site_rel, w.id), w.value, w.default_value, w.label, w.shown});
}

std::optional<Hash128> widget_value_hash(Session& session, std::uint64_t full) {
    return WidgetValues(session).hash(full);
}

WidgetValues::WidgetValues(Session& session) : store_(session.impl().store) {
    store_.mutex.lock();
}
WidgetValues::~WidgetValues() {
    store_.mutex.unlock();
}
std::optional<Hash128> WidgetValues::hash(std::uint64_t full) const {
    auto it = store_.slots.find(full);
    if (it == store_.slots.end() || !it->second.has_value) return std::nullopt;
    return it->second.hash;
}

std::shared_ptr<Session> current_session_ptr() {
    Context* ctx = Context::current();
    if (ctx == nullptr) return nullptr;
    Context::Impl& c = ctx->impl();
    if (c.session_owner) return c.session_owner;
    if (c.session) return c.session->weak_from_this().lock();
    return nullptr;
}

// [SECTION] Framework-owned UI ---------------------------------------------------------------

void show_error(std::string_view message) {
    emit(require_context("show_error"), CalloutCmd{CalloutKind::error, message});
}

void show_spinner(std::string_view text, double elapsed_seconds) {
    emit(require_context("show_spinner"), SpinnerCmd{text, elapsed_seconds});
}

bool retry_button(std::uint64_t id) {
    Context::Impl& c = require_context("retry_button");
    WidgetCmd w;
    w.kind = WidgetKind::button;
    w.framework = true;
    w.fixed_id = id;
    w.label = "Retry";
    WidgetValue out = false;
    emit_widget(c, w, &out);
    return std::get<bool>(out);
}

} // namespace imlit::detail
