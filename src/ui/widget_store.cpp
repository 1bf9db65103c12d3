// imlit — the widget store: what a widget reads and writes, the set_widget queue, the harness's
// access (session_impl.hpp), and widget values as the app and the harness give and see them.
//
// Lock: WidgetStore::mutex guards the slots and the queue. It is never held while user code
// or Dear ImGui runs (widgets read, unlock, then draw).
//
// Index
//   [SECTION] Reads and writes
//   [SECTION] Checking values against a widget's limits
//   [SECTION] Public values <-> store values
//   [SECTION] Harness access (session_impl.hpp)
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "ui/data_table.hpp"
#include "ui/widget_impl.hpp"

namespace imlit::detail {

namespace {

bool has_options(WidgetKind k) {
    return k == WidgetKind::selectbox || k == WidgetKind::radio || k == WidgetKind::multiselect ||
           k == WidgetKind::data_table; // a data table's options are its column names
}

// [SECTION] Reads and writes -----------------------------------------------------------------

// Remember what the widget looks like now; strings are copied only when they change.
void touch(WidgetSlot& slot, const WidgetStore& s) {
    slot.last_frame = s.frame;
    slot.last_seen = s.frame_time;
}

void describe(WidgetSlot& slot, const WidgetCmd& w, const WidgetStore& s) {
    slot.limits = limits_of(w);
    touch(slot, s);
    if (slot.key != w.key) slot.key.assign(w.key);
    if (slot.label != w.label) slot.label.assign(w.label);
    if (!has_options(w.kind)) return;
    bool same = slot.options.size() == w.options.size();
    for (std::size_t i = 0; same && i < w.options.size(); ++i)
        same = slot.options[i] == w.options[i];
    if (!same) slot.options.assign(w.options.begin(), w.options.end());
}

} // namespace

ReadResult read_store(Context::Impl& c, const WidgetCmd& w, std::uint64_t id) {
    Session::Impl& session = c.session->impl();
    WidgetStore& s = session.store;
    std::lock_guard lock(s.mutex);
    WidgetSlot& slot = s.slots[id];
    if (slot.kind != w.kind) {
        slot = WidgetSlot();
        slot.kind = w.kind;
    }
    describe(slot, w, s);
    ReadResult r;
    if (w.kind == WidgetKind::button) {
        r.value = slot.clicked;
        slot.clicked = false;
        return r;
    }
    if (!slot.has_value) {
        r.value = default_value(w);
        return r;
    }
    r.value = slot.value;
    if (sanitize(w, r.value)) {
        r.hash = slot.hash;
        r.stored = true;
    }
    return r;
}

void write_store(Context::Impl& c, WidgetKind kind, std::uint64_t id, WidgetValue v) {
    WidgetStore& s = c.session->impl().store;
    {
        std::lock_guard lock(s.mutex);
        WidgetSlot& slot = s.slots[id];
        slot.kind = kind;
        touch(slot, s);
        if (kind == WidgetKind::button) {
            slot.clicked = true;
        } else {
            slot.hash = hash_widget_value(v);
            slot.value = std::move(v);
            slot.has_value = true;
        }
    }
    request_redraw();
}

void apply_queued_widget_sets(Session& session) {
    WidgetStore& s = session.impl().store;
    std::lock_guard lock(s.mutex);
    for (auto& [id, value] : s.queued) {
        auto it = s.slots.find(id);
        if (it == s.slots.end()) continue; // checked when queued (and keyed: never forgotten)
        WidgetSlot& slot = it->second;
        touch(slot, s);
        if (slot.kind == WidgetKind::button) {
            slot.clicked = std::get<bool>(value);
            continue;
        }
        slot.hash = hash_widget_value(value);
        slot.value = std::move(value);
        slot.has_value = true;
    }
    s.queued.clear();
}

void begin_widget_frame(Session& session, std::uint64_t frame, Clock::time_point now) {
    WidgetStore& s = session.impl().store;
    std::lock_guard lock(s.mutex);
    s.frame = frame;
    s.frame_time = now;
    if (frame < s.next_sweep_frame) return;
    s.next_sweep_frame = frame + kForgetSweepEveryFrames;
    const auto forget_before = std::chrono::duration<double>(kForgetWidgetSeconds);
    std::erase_if(s.slots, [&](const auto& item) {
        const WidgetSlot& slot = item.second;
        return slot.key.empty() && frame - slot.last_frame >= kForgetWidgetFrames &&
               now - slot.last_seen >= forget_before;
    });
}

// [SECTION] Checking values against a widget's limits ------------------------------------------

namespace {

// Values a user can reach are on the slider's grid min + k*step; a float value counts as on it
// within this fraction of a step (the grid is computed in double, stored as float).
constexpr double kGridTolerance = 1e-3;

[[noreturn]] void fail(std::string reason) {
    throw std::invalid_argument(std::move(reason));
}

template <class T>
T& expect(WidgetValue& v, const char* type) {
    if (T* p = std::get_if<T>(&v)) return *p;
    fail(fmt::format("needs a {} value", type));
}

void check_number(double x, const WidgetLimits& l) {
    if (std::isnan(x)) fail("NaN is not a value");
    if (std::isinf(x)) fail(fmt::format("{} is not a finite number", x));
    if ((l.has_min && x < l.min) || (l.has_max && x > l.max)) {
        if (l.has_min && l.has_max)
            fail(fmt::format("{} is out of range [{}, {}]", x, l.min, l.max));
        if (l.has_min) fail(fmt::format("{} is below the minimum {}", x, l.min));
        fail(fmt::format("{} is above the maximum {}", x, l.max));
    }
    if (l.step > 0) {
        const double k = (x - l.min) / l.step;
        if (std::abs(k - std::round(k)) > kGridTolerance)
            fail(fmt::format("{} is not a value the slider can take: they are {} + k * {} (step)",
                             x, l.min, l.step));
    }
}

template <class T>
void check_pair(const std::pair<T, T>& p, const WidgetLimits& l) {
    check_number(p.first, l);
    check_number(p.second, l);
    if (p.first > p.second) fail(fmt::format("low {} is greater than high {}", p.first, p.second));
}

} // namespace

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s)
        n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80; // not a continuation byte
    return n;
}

void check_value(WidgetKind kind, WidgetValue& v, const WidgetLimits& l, std::size_t options) {
    auto index = [&](std::size_t i) {
        if (i >= options)
            fail(fmt::format("option index {} is out of range ({} options)", i, options));
    };
    switch (kind) {
    case WidgetKind::checkbox:
    case WidgetKind::toggle:
    case WidgetKind::button:
        expect<bool>(v, "bool");
        return;
    case WidgetKind::slider_int:
    case WidgetKind::number_input_int:
        check_number(expect<int>(v, "int"), l);
        return;
    case WidgetKind::slider_float:
    case WidgetKind::number_input_float:
        check_number(expect<float>(v, "float"), l);
        return;
    case WidgetKind::slider_double:
    case WidgetKind::number_input_double:
        check_number(expect<double>(v, "double"), l);
        return;
    case WidgetKind::range_slider_int:
        check_pair(expect<std::pair<int, int>>(v, "pair of ints"), l);
        return;
    case WidgetKind::range_slider_float:
        check_pair(expect<std::pair<float, float>>(v, "pair of floats"), l);
        return;
    case WidgetKind::range_slider_double:
        check_pair(expect<std::pair<double, double>>(v, "pair of doubles"), l);
        return;
    case WidgetKind::text_input: {
        const std::string& s = expect<std::string>(v, "string");
        if (l.max_chars > 0 && utf8_length(s) > l.max_chars)
            fail(fmt::format("the text has {} characters, more than max_chars ({})", utf8_length(s),
                             l.max_chars));
        return;
    }
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        index(expect<std::size_t>(v, "option index"));
        return;
    case WidgetKind::multiselect: {
        auto& list = expect<std::vector<std::size_t>>(v, "index list");
        for (std::size_t i : list)
            index(i);
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        if (l.max_selections > 0 && list.size() > l.max_selections)
            fail(fmt::format("{} options selected, more than max_selections ({})", list.size(),
                             l.max_selections));
        return;
    }
    case WidgetKind::data_table:
    case WidgetKind::file_input:
    case WidgetKind::save_button:
        expect<std::string>(v, "string");
        return;
    case WidgetKind::table_selection: {
        auto& rows = expect<std::vector<std::size_t>>(v, "row index list");
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        for (std::size_t r : rows)
            if (!l.has_max || double(r) > l.max)
                fail(fmt::format("row {} is out of range (the table has {} rows)", r,
                                 l.has_max ? static_cast<std::size_t>(l.max) + 1 : 0));
        if (l.max_selections > 0 && rows.size() > l.max_selections)
            fail(fmt::format("{} rows selected, but this table selects at most {}", rows.size(),
                             l.max_selections));
        return;
    }
    case WidgetKind::color_picker: {
        const Color& c = expect<Color>(v, "Color");
        for (float f : {c.r, c.g, c.b, c.a})
            if (!(f >= 0 && f <= 1))
                fail(fmt::format("Color{{{}, {}, {}, {}}} has a component outside [0, 1]", c.r, c.g,
                                 c.b, c.a));
        return;
    }
    case WidgetKind::date_input: {
        const Date& d = expect<Date>(v, "Date");
        if (!d.valid()) fail(fmt::format("{} is not a valid date", d));
        if (d < l.min_date || d > l.max_date)
            fail(fmt::format("{} is outside [{}, {}]", d, l.min_date, l.max_date));
        return;
    }
    }
}

// [SECTION] Public values <-> store values ---------------------------------------------------

const char* input_type_name(const WidgetInput& v) {
    struct Names {
        const char* operator()(std::monostate) const { return "nothing"; }
        const char* operator()(bool) const { return "bool"; }
        const char* operator()(int) const { return "int"; }
        const char* operator()(double) const { return "double"; }
        const char* operator()(const std::string&) const { return "std::string"; }
        const char* operator()(const std::vector<std::string>&) const {
            return "std::vector<std::string>";
        }
        const char* operator()(const Color&) const { return "Color"; }
        const char* operator()(const Date&) const { return "Date"; }
        const char* operator()(const std::pair<int, int>&) const { return "std::pair<int, int>"; }
        const char* operator()(const std::pair<double, double>&) const {
            return "std::pair<double, double>";
        }
    };
    return std::visit(Names{}, v);
}

const char* accepted_input(WidgetKind k) {
    switch (k) {
    case WidgetKind::checkbox:
    case WidgetKind::toggle:
        return "bool";
    case WidgetKind::button:
        return "click() (or set(true))";
    case WidgetKind::slider_int:
    case WidgetKind::number_input_int:
        return "int";
    case WidgetKind::slider_float:
    case WidgetKind::slider_double:
    case WidgetKind::number_input_float:
    case WidgetKind::number_input_double:
        return "a number (double or int)";
    case WidgetKind::range_slider_int:
        return "std::pair<int, int> {low, high}";
    case WidgetKind::range_slider_float:
    case WidgetKind::range_slider_double:
        return "std::pair<double, double> {low, high}";
    case WidgetKind::text_input:
        return "a string";
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        return "one of its options (a string), or select(option)";
    case WidgetKind::multiselect:
        return "a list of its options, or select(option)";
    case WidgetKind::color_picker:
        return "Color";
    case WidgetKind::date_input:
        return "Date";
    case WidgetKind::data_table:
        return "a sort order (a string: \"price descending, city\"; \"\": unsorted)";
    case WidgetKind::table_selection:
        return "a list of row indices (strings: {\"3\", \"17\"})";
    case WidgetKind::file_input:
    case WidgetKind::save_button:
        return "a path (a string)";
    }
    return "?";
}

std::string input_to_string(const WidgetInput& value) {
    struct Visitor {
        static std::string list(const std::vector<std::string>& xs) {
            std::string out;
            for (const std::string& x : xs)
                out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", x);
            return out;
        }
        std::string operator()(std::monostate) const { return "(none)"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(int i) const { return fmt::format("{}", i); }
        std::string operator()(double d) const { return fmt::format("{}", d); }
        std::string operator()(const std::string& s) const { return fmt::format("\"{}\"", s); }
        std::string operator()(const std::vector<std::string>& v) const {
            return "[" + list(v) + "]";
        }
        std::string operator()(const Color& c) const {
            return fmt::format("Color{{{}, {}, {}, {}}}", c.r, c.g, c.b, c.a);
        }
        std::string operator()(const Date& d) const { return fmt::format("{}", d); }
        std::string operator()(const std::pair<int, int>& p) const {
            return fmt::format("{{{}, {}}}", p.first, p.second);
        }
        std::string operator()(const std::pair<double, double>& p) const {
            return fmt::format("{{{}, {}}}", p.first, p.second);
        }
    };
    return std::visit(Visitor{}, value);
}

WidgetValue input_to_value(WidgetKind kind, const WidgetInput& in, const WidgetLimits& limits,
                           std::span<const std::string> options) {
    auto mismatch = [&]() {
        return std::invalid_argument(fmt::format("cannot set {} ({}); it takes {}",
                                                 input_type_name(in), input_to_string(in),
                                                 accepted_input(kind)));
    };
    auto number = [&]() -> double {
        if (const double* d = std::get_if<double>(&in)) return *d;
        if (const int* i = std::get_if<int>(&in)) return *i;
        throw mismatch();
    };
    auto number_pair = [&]() -> std::pair<double, double> {
        if (auto* p = std::get_if<std::pair<double, double>>(&in)) return *p;
        if (auto* p = std::get_if<std::pair<int, int>>(&in)) return {p->first, p->second};
        throw mismatch();
    };
    auto option_index = [&](const std::string& option) -> std::size_t {
        auto it = std::find(options.begin(), options.end(), option);
        if (it == options.end()) {
            std::string all;
            for (const std::string& o : options)
                all += fmt::format("{}\"{}\"", all.empty() ? "" : ", ", o);
            fail(fmt::format("\"{}\" is not one of its options ({})", option,
                             all.empty() ? "(none)" : all));
        }
        return static_cast<std::size_t>(it - options.begin());
    };
    // A float widget's value is checked after the conversion: that is what it will hold.
    auto as_float = [&](double d) {
        if (std::isfinite(d) && std::abs(d) > std::numeric_limits<float>::max())
            fail(fmt::format("{} does not fit in a float", d));
        return static_cast<float>(d);
    };

    WidgetValue v;
    switch (kind) {
    case WidgetKind::checkbox:
    case WidgetKind::toggle:
    case WidgetKind::button:
        if (const bool* b = std::get_if<bool>(&in))
            v = *b;
        else
            throw mismatch();
        break;
    case WidgetKind::slider_int:
    case WidgetKind::number_input_int:
        if (const int* i = std::get_if<int>(&in))
            v = *i;
        else
            throw mismatch();
        break;
    case WidgetKind::slider_float:
    case WidgetKind::number_input_float:
        v = as_float(number());
        break;
    case WidgetKind::slider_double:
    case WidgetKind::number_input_double:
        v = number();
        break;
    case WidgetKind::range_slider_int:
        if (auto* p = std::get_if<std::pair<int, int>>(&in))
            v = *p;
        else
            throw mismatch();
        break;
    case WidgetKind::range_slider_float: {
        const auto p = number_pair();
        v = std::pair{as_float(p.first), as_float(p.second)};
        break;
    }
    case WidgetKind::range_slider_double:
        v = number_pair();
        break;
    case WidgetKind::text_input:
    case WidgetKind::file_input:
    case WidgetKind::save_button:
        if (auto* s = std::get_if<std::string>(&in))
            v = *s;
        else
            throw mismatch();
        break;
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        if (auto* s = std::get_if<std::string>(&in))
            v = option_index(*s);
        else
            throw mismatch();
        break;
    case WidgetKind::multiselect: {
        auto* list = std::get_if<std::vector<std::string>>(&in);
        if (list == nullptr) throw mismatch();
        std::vector<std::size_t> idx;
        idx.reserve(list->size());
        for (const std::string& s : *list)
            idx.push_back(option_index(s));
        v = std::move(idx);
        break;
    }
    case WidgetKind::color_picker:
        if (auto* c = std::get_if<Color>(&in))
            v = *c;
        else
            throw mismatch();
        break;
    case WidgetKind::date_input:
        if (auto* d = std::get_if<Date>(&in))
            v = *d;
        else
            throw mismatch();
        break;
    case WidgetKind::data_table:
        if (auto* s = std::get_if<std::string>(&in))
            v = format_sort_order(parse_sort_order(*s, options)); // canonical text
        else
            throw mismatch();
        break;
    case WidgetKind::table_selection: {
        auto* list = std::get_if<std::vector<std::string>>(&in);
        if (list == nullptr) throw mismatch();
        std::vector<std::size_t> rows;
        rows.reserve(list->size());
        for (const std::string& s : *list) {
            std::size_t row = 0;
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), row);
            if (ec != std::errc() || end != s.data() + s.size())
                fail(fmt::format("\"{}\" is not a row index", s));
            rows.push_back(row);
        }
        v = std::move(rows);
        break;
    }
    }
    check_value(kind, v, limits, options.size());
    return v;
}

WidgetInput value_to_input(WidgetKind kind, const WidgetValue& v,
                           std::span<const std::string> options) {
    auto option = [&](std::size_t i) -> std::string {
        return i < options.size() ? options[i] : std::string();
    };
    switch (kind) {
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        if (auto* i = std::get_if<std::size_t>(&v)) return option(*i);
        break;
    case WidgetKind::table_selection:
        if (auto* rows = std::get_if<std::vector<std::size_t>>(&v)) {
            std::vector<std::string> out;
            out.reserve(rows->size());
            for (std::size_t r : *rows)
                out.push_back(fmt::format("{}", r));
            return out;
        }
        break;
    case WidgetKind::multiselect:
        if (auto* idx = std::get_if<std::vector<std::size_t>>(&v)) {
            std::vector<std::string> out;
            out.reserve(idx->size());
            for (std::size_t i : *idx)
                out.push_back(option(i));
            return out;
        }
        break;
    default:
        break;
    }
    struct Widen {
        WidgetInput operator()(bool b) const { return b; }
        WidgetInput operator()(int i) const { return i; }
        WidgetInput operator()(float f) const { return static_cast<double>(f); }
        WidgetInput operator()(double d) const { return d; }
        WidgetInput operator()(std::size_t) const { return std::monostate{}; }
        WidgetInput operator()(const std::string& s) const { return s; }
        WidgetInput operator()(const std::vector<std::size_t>&) const { return std::monostate{}; }
        WidgetInput operator()(const Color& c) const { return c; }
        WidgetInput operator()(const Date& d) const { return d; }
        WidgetInput operator()(const std::pair<int, int>& p) const { return p; }
        WidgetInput operator()(const std::pair<float, float>& p) const {
            return std::pair<double, double>(p.first, p.second);
        }
        WidgetInput operator()(const std::pair<double, double>& p) const { return p; }
    };
    return std::visit(Widen{}, v);
}

// [SECTION] Harness access (session_impl.hpp) ----------------------------------------------------

const std::vector<LoggedElement>& element_log(Session& session) {
    return session.impl().log;
}

std::optional<WidgetValue> store_get(Session& session, std::uint64_t id) {
    WidgetStore& s = session.impl().store;
    std::lock_guard lock(s.mutex);
    auto it = s.slots.find(id);
    if (it == s.slots.end() || !it->second.has_value) return std::nullopt;
    return it->second.value;
}

std::optional<WidgetKind> store_kind(Session& session, std::uint64_t id) {
    WidgetStore& s = session.impl().store;
    std::lock_guard lock(s.mutex);
    auto it = s.slots.find(id);
    if (it == s.slots.end()) return std::nullopt;
    return it->second.kind;
}

std::size_t store_slot_count(Session& session) {
    WidgetStore& s = session.impl().store;
    std::lock_guard lock(s.mutex);
    return s.slots.size();
}

void store_set(Session& session, std::uint64_t id, WidgetValue value) {
    WidgetStore& s = session.impl().store;
    {
        std::lock_guard lock(s.mutex);
        auto it = s.slots.find(id);
        if (it == s.slots.end())
            throw std::invalid_argument(fmt::format("imlit: no widget with id {:#x}", id));
        WidgetSlot& slot = it->second;
        touch(slot, s);
        try {
            check_value(slot.kind, value, slot.limits, slot.options.size());
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(fmt::format(
                "imlit: {} '{}': {}", widget_kind_name(slot.kind), slot.label, e.what()));
        }
        if (slot.kind == WidgetKind::button) {
            slot.clicked = std::get<bool>(value);
        } else {
            slot.hash = hash_widget_value(value);
            slot.value = std::move(value);
            slot.has_value = true;
        }
    }
    request_redraw();
}

void store_click(Session& session, std::uint64_t id) {
    WidgetStore& s = session.impl().store;
    {
        std::lock_guard lock(s.mutex);
        auto it = s.slots.find(id);
        if (it == s.slots.end() || it->second.kind != WidgetKind::button)
            throw std::invalid_argument(fmt::format("imlit: no button with id {:#x}", id));
        it->second.clicked = true;
    }
    request_redraw();
}

} // namespace imlit::detail
