// imlit — widgets: validation, ids, the widget store, drawing, and the public functions.
//
// A widget call (direct or replayed) goes through emit_widget():
//   1. inside a cached scope: a trigger (button) or a widget where allow_widgets = false is an
//      error in place (recorded as that error); otherwise the widget command is recorded;
//   2. parameters are validated and the id checked against this frame's ids (errors in place);
//   3. the store is read: the value at the start of the call (the default while unset);
//   4. recording (not replaying): a WidgetRead is appended to the recording;
//   5. visible: drawn with Dear ImGui; an edit is written to the store and a redraw requested;
//   6. logged for the harness.
//
// Index
//   [SECTION] Validation and defaults
//   [SECTION] Store access
//   [SECTION] Drawing
//   [SECTION] emit_widget
//   [SECTION] Public widget functions
#include <algorithm>
#include <cfloat>
#include <cmath>

#include <imgui.h>

#include "ui/context.hpp"

namespace imlit::detail {

namespace {

// [SECTION] Validation and defaults -----------------------------------------------------------

// Empty when the parameters are fine; else the reason (allocates only on error).
std::string validate(const WidgetCmd& w) {
    auto bad_range = [&]() -> std::string {
        if (std::isnan(w.min) || std::isnan(w.max) || std::isnan(w.def_num))
            return "NaN parameter (min, max and default must be numbers)";
        if (w.min > w.max) return fmt::format("min ({}) is greater than max ({})", w.min, w.max);
        if (w.def_num < w.min || w.def_num > w.max)
            return fmt::format("default {} is outside [{}, {}]", w.def_num, w.min, w.max);
        return {};
    };
    switch (w.kind) {
    case WidgetKind::checkbox:
    case WidgetKind::button:
    case WidgetKind::text_input:
        return {};
    case WidgetKind::slider_int:
    case WidgetKind::slider_float:
        return bad_range();
    case WidgetKind::number_input:
        if (std::isnan(w.def_num) || std::isinf(w.def_num)) return "default is not a finite number";
        if (std::isnan(w.step) || w.step < 0) return fmt::format("step ({}) must be >= 0", w.step);
        return {};
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        if (w.options.empty()) return "no options";
        if (w.def_index >= w.options.size())
            return fmt::format("default index {} is out of range ({} options)", w.def_index,
                               w.options.size());
        return {};
    case WidgetKind::multiselect:
        if (w.options.empty()) return "no options";
        if (!w.bad_default.empty())
            return fmt::format("default '{}' is not one of the options", w.bad_default);
        return {};
    case WidgetKind::color_picker:
        for (float f : {w.def_color.r, w.def_color.g, w.def_color.b, w.def_color.a})
            if (!(f >= 0 && f <= 1)) return "default colour components must be in [0, 1]";
        return {};
    }
    return {};
}

WidgetValue default_value(const WidgetCmd& w) {
    switch (w.kind) {
    case WidgetKind::checkbox:
        return w.def_bool;
    case WidgetKind::button:
        return false;
    case WidgetKind::slider_int:
        return static_cast<int>(w.def_num);
    case WidgetKind::slider_float:
        return static_cast<float>(w.def_num);
    case WidgetKind::number_input:
        return w.def_num;
    case WidgetKind::text_input:
        return std::string(w.def_text);
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        return w.def_index;
    case WidgetKind::multiselect:
        return std::vector<std::size_t>(w.def_indices.begin(), w.def_indices.end());
    case WidgetKind::color_picker:
        return w.def_color;
    }
    return false;
}

// The stored value made valid for the widget's current parameters (ranges and options can
// change between frames). Returns false when it had to change.
bool sanitize(const WidgetCmd& w, WidgetValue& v) {
    switch (w.kind) {
    case WidgetKind::slider_int:
        if (int* i = std::get_if<int>(&v)) {
            const int c = std::clamp(*i, static_cast<int>(w.min), static_cast<int>(w.max));
            if (c == *i) return true;
            *i = c;
        }
        return false;
    case WidgetKind::slider_float:
        if (float* f = std::get_if<float>(&v)) {
            const float c = std::clamp(*f, static_cast<float>(w.min), static_cast<float>(w.max));
            if (c == *f) return true;
            *f = c;
        }
        return false;
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        if (std::size_t* i = std::get_if<std::size_t>(&v)) {
            if (*i < w.options.size()) return true;
            *i = w.def_index;
        }
        return false;
    case WidgetKind::multiselect:
        if (auto* s = std::get_if<std::vector<std::size_t>>(&v)) {
            const std::size_t n = w.options.size();
            if (std::all_of(s->begin(), s->end(), [&](std::size_t i) { return i < n; }))
                return true;
            std::erase_if(*s, [&](std::size_t i) { return i >= n; });
        }
        return false;
    default:
        return true;
    }
}

// [SECTION] Store access ------------------------------------------------------------------------

struct ReadResult {
    WidgetValue value;
    Hash128 hash;
    bool stored = false; // the store held a (valid) value; hash is valid
};

ReadResult read_store(Context::Impl& c, const WidgetCmd& w, std::uint64_t id) {
    WidgetStore& s = c.session->impl().store;
    const bool logging = c.session->impl().options.log_elements;
    std::lock_guard lock(s.mutex);
    WidgetSlot& slot = s.slots[id];
    if (slot.kind != w.kind) {
        slot = WidgetSlot();
        slot.kind = w.kind;
    }
    slot.min = w.min;
    slot.max = w.max;
    if (logging) {
        bool same = slot.options.size() == w.options.size();
        for (std::size_t i = 0; same && i < w.options.size(); ++i)
            same = slot.options[i] == w.options[i];
        if (!same) slot.options.assign(w.options.begin(), w.options.end());
    }
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

// [SECTION] Drawing
// ---------------------------------------------------------------------------------

const char* cstr(std::string& buf, std::string_view s) {
    buf.assign(s.data(), s.size());
    return buf.c_str();
}

void label_above(std::string_view label) {
    if (label.empty()) return;
    ImGui::TextUnformatted(label.data(), label.data() + label.size());
}

int resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* str = static_cast<std::string*>(data->UserData);
        str->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = str->data();
    }
    return 0;
}

void draw_widget(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, const WidgetValue& v) {
    ImGui::PushID(reinterpret_cast<const void*>(static_cast<std::uintptr_t>(id)));
    switch (w.kind) {
    case WidgetKind::checkbox: {
        bool b = std::get<bool>(v);
        if (ImGui::Checkbox(cstr(c.label_buf, w.label), &b)) write_store(c, w.kind, id, b);
        break;
    }
    case WidgetKind::button:
        if (ImGui::Button(cstr(c.label_buf, w.label))) write_store(c, w.kind, id, true);
        break;
    case WidgetKind::slider_int: {
        label_above(w.label);
        int x = std::get<int>(v);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::SliderInt("##v", &x, static_cast<int>(w.min), static_cast<int>(w.max), "%d",
                             ImGuiSliderFlags_AlwaysClamp))
            write_store(c, w.kind, id, x);
        break;
    }
    case WidgetKind::slider_float: {
        label_above(w.label);
        float x = std::get<float>(v);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::SliderFloat("##v", &x, static_cast<float>(w.min), static_cast<float>(w.max),
                               "%.3f", ImGuiSliderFlags_AlwaysClamp))
            write_store(c, w.kind, id, x);
        break;
    }
    case WidgetKind::number_input: {
        label_above(w.label);
        double x = std::get<double>(v);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::InputDouble("##v", &x, w.step, w.step * 10, "%.6g") && std::isfinite(x))
            write_store(c, w.kind, id, x);
        break;
    }
    case WidgetKind::text_input: {
        label_above(w.label);
        c.input_buf = std::get<std::string>(v);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::InputText("##v", c.input_buf.data(), c.input_buf.capacity() + 1,
                             ImGuiInputTextFlags_CallbackResize, resize_callback, &c.input_buf))
            write_store(c, w.kind, id, c.input_buf);
        break;
    }
    case WidgetKind::selectbox: {
        label_above(w.label);
        const std::size_t sel = std::get<std::size_t>(v);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("##v", cstr(c.preview_buf, w.options[sel]))) {
            for (std::size_t i = 0; i < w.options.size(); ++i) {
                ImGui::PushID(static_cast<int>(i));
                if (ImGui::Selectable(cstr(c.label_buf, w.options[i]), i == sel) && i != sel)
                    write_store(c, w.kind, id, i);
                if (i == sel) ImGui::SetItemDefaultFocus();
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        break;
    }
    case WidgetKind::radio: {
        label_above(w.label);
        const std::size_t sel = std::get<std::size_t>(v);
        for (std::size_t i = 0; i < w.options.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::RadioButton(cstr(c.label_buf, w.options[i]), i == sel) && i != sel)
                write_store(c, w.kind, id, i);
            ImGui::PopID();
        }
        break;
    }
    case WidgetKind::multiselect: {
        label_above(w.label);
        const auto& sel = std::get<std::vector<std::size_t>>(v);
        c.preview_buf.clear();
        for (std::size_t i : sel) {
            if (!c.preview_buf.empty()) c.preview_buf += ", ";
            c.preview_buf.append(w.options[i]);
        }
        if (sel.empty()) c.preview_buf = "Choose options";
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("##v", c.preview_buf.c_str())) {
            for (std::size_t i = 0; i < w.options.size(); ++i) {
                const bool on = std::binary_search(sel.begin(), sel.end(), i);
                ImGui::PushID(static_cast<int>(i));
                if (ImGui::Selectable(cstr(c.label_buf, w.options[i]), on,
                                      ImGuiSelectableFlags_DontClosePopups)) {
                    std::vector<std::size_t> next = sel;
                    if (on)
                        std::erase(next, i);
                    else
                        next.insert(std::lower_bound(next.begin(), next.end(), i), i);
                    write_store(c, w.kind, id, std::move(next));
                }
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        break;
    }
    case WidgetKind::color_picker: {
        label_above(w.label);
        const Color col = std::get<Color>(v);
        float rgba[4] = {col.r, col.g, col.b, col.a};
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::ColorEdit4("##v", rgba, ImGuiColorEditFlags_AlphaBar))
            write_store(c, w.kind, id, Color{rgba[0], rgba[1], rgba[2], rgba[3]});
        break;
    }
    }
    ImGui::PopID();
}

void log_widget(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, const WidgetValue& v) {
    LoggedElement* e = log_element(c, widget_kind_name(w.kind), w.label, w.label);
    if (e == nullptr) return;
    e->widget_id = id;
    e->widget_kind = w.kind;
    e->key.assign(w.key);
    e->value = v;
    e->options.assign(w.options.begin(), w.options.end());
    e->min = w.min;
    e->max = w.max;
}

void widget_error(Context::Impl& c, const WidgetCmd& w, std::string_view reason) {
    c.text_buf.clear();
    fmt::format_to(std::back_inserter(c.text_buf), "{} '{}': {}", widget_kind_name(w.kind), w.label,
                   reason);
    draw_error_text(c, c.text_buf);
}

} // namespace

// [SECTION] emit_widget -------------------------------------------------------------------------

void emit_widget(Context::Impl& c, const WidgetCmd& w, WidgetValue* out) {
    settle_pending(c); // a widget below a pending group or placeholder closes it first
    raw_check(c);
    Recorder* r = c.recorder();
    const char* kind = widget_kind_name(w.kind);
    auto finish_default = [&] {
        if (out) *out = default_value(w);
        raw_arm(c);
    };
    if (r != nullptr && !w.framework) {
        if (r->info.slot) {
            const std::string msg = fmt::format(
                "{} '{}' cannot go in a placeholder: its content is replaced on every write. "
                "Put the widget outside the placeholder.",
                kind, w.label);
            emit(c, CalloutCmd{CalloutKind::error, msg});
            return finish_default();
        }
        std::string_view scope = r->info.name.empty() ? "(unnamed)" : r->info.name;
        if (w.kind == WidgetKind::button) {
            const std::string msg = fmt::format(
                "button '{}' cannot be used inside cached scope '{}': a button is a one-frame "
                "trigger, and a cached scope records what it shows. Call the button outside and "
                "pass its result to the cached function as an argument.",
                w.label, scope);
            emit(c, CalloutCmd{CalloutKind::error, msg});
            return finish_default();
        }
        if (!r->info.allow_widgets) {
            const std::string msg = fmt::format(
                "{} '{}' is not allowed inside cached scope '{}' (allow_widgets = false). Read "
                "it outside and pass its value as an argument, or allow widgets.",
                kind, w.label, scope);
            emit(c, CalloutCmd{CalloutKind::error, msg});
            return finish_default();
        }
    }
    if (r != nullptr) r->rec->impl().append(&w);

    if (c.session == nullptr) {
        widget_error(c, w, "widgets need a session (this cached call was made outside a frame)");
        return finish_default();
    }
    if (std::string reason = validate(w); !reason.empty()) {
        widget_error(c, w, reason);
        return finish_default();
    }
    const Level& top = c.top();
    const std::uint64_t seg =
        w.key.empty() ? segment_hash(0x1000 + static_cast<std::uint64_t>(w.kind), w.label)
                      : segment_hash(0x2000, w.key);
    const std::uint64_t id = w.framework ? w.fixed_id : child_path(top.path, seg);
    const std::uint32_t depth = top.depth + 1;
    if (!c.seen.insert(id)) {
        widget_error(c, w,
                     w.key.empty()
                         ? "another widget with the same label is already on this frame here. "
                           "Give one of them a unique key."
                         : "another widget with the same key is already on this frame here. "
                           "Give each a unique key.");
        return finish_default();
    }

    ReadResult value = read_store(c, w, id);

    if (r != nullptr && c.replaying == 0 && !w.framework && w.kind != WidgetKind::button) {
        const Hash128 h = value.stored ? value.hash : hash_widget_value(value.value);
        const Hash128 d = hash_widget_value(default_value(w));
        RelId rel;
        if (top.anchor > static_cast<int>(r->base_level))
            rel = {id, 0};
        else {
            const Site site = r->rec->site();
            if (depth < site.depth) {
                rel = {id, 0};
            } else {
                const std::uint64_t pow = mul_pow(depth - site.depth);
                rel = {id - site.path * pow, pow};
            }
        }
        r->rec->reads().push_back(WidgetRead{rel, h, d, std::string(w.label)});
    }

    log_widget(c, w, id, value.value);
    if (c.visible()) draw_widget(c, w, id, value.value);
    if (out) *out = std::move(value.value);
    raw_arm(c);
}

} // namespace imlit::detail

// [SECTION] Public widget functions -------------------------------------------------------------

namespace imlit {
using namespace detail;

namespace {

WidgetValue run_widget(const char* fn, WidgetCmd& w) {
    Context::Impl& c = require_context(fn);
    WidgetValue out;
    emit_widget(c, w, &out);
    return out;
}

std::span<const std::string_view> views(Context::Impl& c, std::span<const std::string> options) {
    c.options_buf.assign(options.begin(), options.end());
    return c.options_buf;
}

std::string option_at(std::span<const std::string_view> options, const WidgetValue& v) {
    const std::size_t i = std::get<std::size_t>(v);
    return i < options.size() ? std::string(options[i]) : std::string();
}

std::string choose(const char* fn, WidgetKind kind, std::string_view label,
                   std::span<const std::string_view> options, std::size_t default_index,
                   std::string_view key) {
    WidgetCmd w;
    w.kind = kind;
    w.label = label;
    w.key = key;
    w.options = options;
    w.def_index = default_index;
    return option_at(options, run_widget(fn, w));
}

std::vector<std::string> multi(std::string_view label, std::span<const std::string_view> options,
                               std::span<const std::string_view> defaults, std::string_view key) {
    Context::Impl& c = require_context("multiselect");
    WidgetCmd w;
    w.kind = WidgetKind::multiselect;
    w.label = label;
    w.key = key;
    w.options = options;
    c.indices_buf.clear();
    for (std::string_view d : defaults) {
        auto it = std::find(options.begin(), options.end(), d);
        if (it == options.end()) {
            if (w.bad_default.empty()) w.bad_default = d.empty() ? std::string_view("\"\"") : d;
            continue;
        }
        c.indices_buf.push_back(static_cast<std::size_t>(it - options.begin()));
    }
    std::sort(c.indices_buf.begin(), c.indices_buf.end());
    c.indices_buf.erase(std::unique(c.indices_buf.begin(), c.indices_buf.end()),
                        c.indices_buf.end());
    w.def_indices = c.indices_buf;
    WidgetValue out;
    emit_widget(c, w, &out);
    std::vector<std::string> result;
    for (std::size_t i : std::get<std::vector<std::size_t>>(out))
        if (i < options.size()) result.emplace_back(options[i]);
    return result;
}

} // namespace

bool checkbox(std::string_view label, bool default_value, std::string_view key) {
    WidgetCmd w;
    w.kind = WidgetKind::checkbox;
    w.label = label;
    w.key = key;
    w.def_bool = default_value;
    return std::get<bool>(run_widget("checkbox", w));
}

bool button(std::string_view label, std::string_view key) {
    WidgetCmd w;
    w.kind = WidgetKind::button;
    w.label = label;
    w.key = key;
    return std::get<bool>(run_widget("button", w));
}

int slider(std::string_view label, int default_value, int min, int max, std::string_view key) {
    WidgetCmd w;
    w.kind = WidgetKind::slider_int;
    w.label = label;
    w.key = key;
    w.def_num = default_value;
    w.min = min;
    w.max = max;
    return std::get<int>(run_widget("slider", w));
}

float slider(std::string_view label, float default_value, float min, float max,
             std::string_view key) {
    WidgetCmd w;
    w.kind = WidgetKind::slider_float;
    w.label = label;
    w.key = key;
    w.def_num = default_value;
    w.min = min;
    w.max = max;
    return std::get<float>(run_widget("slider", w));
}

double number_input(std::string_view label, double default_value, double step,
                    std::string_view key) {
    WidgetCmd w;
    w.kind = WidgetKind::number_input;
    w.label = label;
    w.key = key;
    w.def_num = default_value;
    w.step = step;
    return std::get<double>(run_widget("number_input", w));
}

std::string text_input(std::string_view label, std::string_view default_value,
                       std::string_view key) {
    WidgetCmd w;
    w.kind = WidgetKind::text_input;
    w.label = label;
    w.key = key;
    w.def_text = default_value;
    return std::get<std::string>(run_widget("text_input", w));
}

std::string selectbox(std::string_view label, std::span<const std::string> options,
                      std::size_t default_index, std::string_view key) {
    Context::Impl& c = require_context("selectbox");
    return choose("selectbox", WidgetKind::selectbox, label, views(c, options), default_index, key);
}
std::string selectbox(std::string_view label, std::initializer_list<std::string_view> options,
                      std::size_t default_index, std::string_view key) {
    return choose("selectbox", WidgetKind::selectbox, label, {options.begin(), options.size()},
                  default_index, key);
}
std::string radio(std::string_view label, std::span<const std::string> options,
                  std::size_t default_index, std::string_view key) {
    Context::Impl& c = require_context("radio");
    return choose("radio", WidgetKind::radio, label, views(c, options), default_index, key);
}
std::string radio(std::string_view label, std::initializer_list<std::string_view> options,
                  std::size_t default_index, std::string_view key) {
    return choose("radio", WidgetKind::radio, label, {options.begin(), options.size()},
                  default_index, key);
}

std::vector<std::string> multiselect(std::string_view label, std::span<const std::string> options,
                                     std::span<const std::string> defaults, std::string_view key) {
    Context::Impl& c = require_context("multiselect");
    // Two views at once: options in options_buf, defaults in labels_buf.
    c.options_buf.assign(options.begin(), options.end());
    c.labels_buf.assign(defaults.begin(), defaults.end());
    return multi(label, c.options_buf, c.labels_buf, key);
}
std::vector<std::string> multiselect(std::string_view label,
                                     std::initializer_list<std::string_view> options,
                                     std::initializer_list<std::string_view> defaults,
                                     std::string_view key) {
    return multi(label, {options.begin(), options.size()}, {defaults.begin(), defaults.size()},
                 key);
}

Color color_picker(std::string_view label, Color default_value, std::string_view key) {
    WidgetCmd w;
    w.kind = WidgetKind::color_picker;
    w.label = label;
    w.key = key;
    w.def_color = default_value;
    return std::get<Color>(run_widget("color_picker", w));
}

} // namespace imlit
