// imlit — drawing widgets with Dear ImGui: the stock ones (checkbox, slider, input, combo, ...)
// and three of imlit's own built from Dear ImGui's item API: toggle, range slider, calendar.
// Only validated commands get here (widget_validation.cpp): ranges, steps and formats are ones
// Dear ImGui accepts.
//
// Index
//   [SECTION] Labels, help, text callbacks
//   [SECTION] Toggle
//   [SECTION] Range slider
//   [SECTION] Calendar (date_input)
//   [SECTION] draw_widget
#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/data_table.hpp"
#include "ui/file_browser.hpp"
#include "ui/widget_impl.hpp"

namespace imlit::detail {

namespace {

// Dear ImGui rounds a dragged slider value to the precision its format shows by printing it
// into a 64-byte buffer and parsing it back; far from zero %f prints more integer digits than
// fit and the parse would return a wrong value. Beyond this magnitude imlit turns rounding off.
constexpr double kRoundToFormatMaxMagnitude = 1e30;

// Toggle: track width in frame heights.
constexpr float kToggleWidth = 1.75f;
// Range slider: the filled band between the handles, as a fraction of the grab colour's alpha.
constexpr float kRangeBandAlpha = 0.35f;
// Multiline text: default height in text lines.
constexpr float kTextAreaLines = 4;
// Help tooltips wrap at this many font sizes.
constexpr float kTooltipWidthEm = 30;

// [SECTION] Labels, help, text callbacks -----------------------------------------------------

const char* cstr(std::string& buf, std::string_view s) {
    buf.assign(s.data(), s.size());
    return buf.c_str();
}

// A dimmed "(?)" whose tooltip is the widget's help text, after the last item on its line.
void help_marker(std::string_view help, bool same_line = true) {
    if (help.empty()) return;
    if (same_line) ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * kTooltipWidthEm);
        ImGui::TextUnformatted(help.data(), help.data() + help.size());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

// The label on its own line above the widget, with the help marker after it.
void label_above(const WidgetCmd& w) {
    if (w.label.empty()) return help_marker(w.help, false);
    ImGui::TextUnformatted(w.label.data(), w.label.data() + w.label.size());
    help_marker(w.help);
}

// BeginDisabled/EndDisabled only around disabled items: Dear ImGui advises against calling
// BeginDisabled(false) for nothing.
class DisabledScope {
public:
    explicit DisabledScope(bool disabled) : disabled_(disabled) {
        if (disabled_) ImGui::BeginDisabled();
    }
    ~DisabledScope() {
        if (disabled_) ImGui::EndDisabled();
    }
    DisabledScope(const DisabledScope&) = delete;
    DisabledScope& operator=(const DisabledScope&) = delete;

private:
    bool disabled_;
};

struct TextEdit {
    std::string* text;
    std::size_t max_chars; // 0: no limit
};

int text_callback(ImGuiInputTextCallbackData* data) {
    auto* edit = static_cast<TextEdit*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        edit->text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = edit->text->data();
    } else if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit && edit->max_chars > 0) {
        // Cut at the first character beyond the limit (typed or pasted).
        std::size_t chars = 0;
        for (int i = 0; i < data->BufTextLen; ++i) {
            if ((static_cast<unsigned char>(data->Buf[i]) & 0xC0) == 0x80) continue;
            if (chars++ == edit->max_chars) {
                data->DeleteChars(i, data->BufTextLen - i);
                break;
            }
        }
    }
    return 0;
}

// [SECTION] Toggle ---------------------------------------------------------------------------

// A switch: a rounded track with a knob, and the label after it; clicking either flips it.
bool toggle(const char* label, bool* on) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float h = ImGui::GetFrameHeight();
    const float track_w = h * kToggleWidth;
    const ImVec2 label_size = ImGui::CalcTextSize(label, nullptr, true);
    const float label_w = label_size.x > 0 ? style.ItemInnerSpacing.x + label_size.x : 0;
    ImGui::AlignTextToFramePadding(); // text after it on this line (the help marker) lines up
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("##toggle", ImVec2(track_w + label_w, h));
    if (clicked) *on = !*on;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = h * 0.5f;
    const ImU32 track =
        ImGui::GetColorU32(*on ? (hovered ? ImGuiCol_ButtonHovered : ImGuiCol_ButtonActive)
                               : (hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg));
    dl->AddRectFilled(p, ImVec2(p.x + track_w, p.y + h), track, r);
    const float knob_x = *on ? p.x + track_w - r : p.x + r;
    dl->AddCircleFilled(ImVec2(knob_x, p.y + r), r - 2.0f, ImGui::GetColorU32(ImGuiCol_Text));
    if (label_size.x > 0)
        ImGui::RenderText(
            ImVec2(p.x + track_w + style.ItemInnerSpacing.x, p.y + style.FramePadding.y), label);
    return clicked;
}

// [SECTION] Range slider -----------------------------------------------------------------------

template <class T>
constexpr ImGuiDataType data_type() {
    if constexpr (std::is_same_v<T, int>)
        return ImGuiDataType_S32;
    else if constexpr (std::is_same_v<T, float>)
        return ImGuiDataType_Float;
    else
        return ImGuiDataType_Double;
}

// Two grabs on one track; a click picks the nearer grab, which then follows the mouse without
// crossing the other. Mouse only (no keyboard or gamepad stepping).
template <class T>
bool range_slider(const WidgetCmd& w, std::pair<T, T>& v, const char* format) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImGuiID id = window->GetID("##range");
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect frame(pos,
                       ImVec2(pos.x + ImGui::CalcItemWidth(), pos.y + ImGui::GetFrameHeight()));
    ImGui::ItemSize(frame, style.FramePadding.y);
    if (!ImGui::ItemAdd(frame, id, &frame)) return false;

    bool hovered = false, held = false;
    const bool pressed =
        ImGui::ButtonBehavior(frame, id, &hovered, &held, ImGuiButtonFlags_PressedOnClick);
    constexpr float kGrabPadding = 2.0f;
    const float grab_w = std::max(style.GrabMinSize, 1.0f);
    const float x0 = frame.Min.x + kGrabPadding + grab_w * 0.5f;
    const float x1 = frame.Max.x - kGrabPadding - grab_w * 0.5f;
    const double lo = w.min, span = w.max - w.min;
    auto to_x = [&](double value) {
        const double t = span > 0 ? (value - lo) / span : 0.0;
        return x0 + static_cast<float>(t) * (x1 - x0);
    };
    ImGuiStorage* storage = ImGui::GetStateStorage();
    bool changed = false;
    if (pressed) { // the nearer grab (the upper one when they meet and the click is right of it)
        const float mx = ImGui::GetIO().MousePos.x;
        const float d_lo = std::abs(mx - to_x(v.first)), d_hi = std::abs(mx - to_x(v.second));
        storage->SetInt(id, d_hi < d_lo || (d_hi == d_lo && mx > to_x(v.second)) ? 1 : 0);
    }
    const int grab = storage->GetInt(id, 0);
    if (held && x1 > x0) {
        const double t = std::clamp((ImGui::GetIO().MousePos.x - x0) / (x1 - x0), 0.0f, 1.0f);
        double x = snap_to_step(lo + t * span, w.min, w.max, w.step);
        if constexpr (std::is_integral_v<T>) x = std::round(x);
        const T nv = static_cast<T>(x);
        T& target = grab == 0 ? v.first : v.second;
        const T bounded = grab == 0 ? std::min(nv, v.second) : std::max(nv, v.first);
        if (bounded != target) {
            target = bounded;
            changed = true;
        }
    }

    const ImU32 frame_col = ImGui::GetColorU32(held      ? ImGuiCol_FrameBgActive
                                               : hovered ? ImGuiCol_FrameBgHovered
                                                         : ImGuiCol_FrameBg);
    ImGui::RenderFrame(frame.Min, frame.Max, frame_col, true, style.FrameRounding);
    ImDrawList* dl = window->DrawList;
    const float y0 = frame.Min.y + kGrabPadding, y1 = frame.Max.y - kGrabPadding;
    const float a = to_x(v.first), b = to_x(v.second);
    dl->AddRectFilled(ImVec2(a, y0), ImVec2(b, y1),
                      ImGui::GetColorU32(ImGuiCol_SliderGrab, kRangeBandAlpha), style.GrabRounding);
    for (int i = 0; i < 2; ++i) {
        const float x = i == 0 ? a : b;
        const bool active = held && grab == i;
        dl->AddRectFilled(
            ImVec2(x - grab_w * 0.5f, y0), ImVec2(x + grab_w * 0.5f, y1),
            ImGui::GetColorU32(active ? ImGuiCol_SliderGrabActive : ImGuiCol_SliderGrab),
            style.GrabRounding);
    }
    char low[64], high[64], text[136];
    ImGui::DataTypeFormatString(low, IM_ARRAYSIZE(low), data_type<T>(), &v.first, format);
    ImGui::DataTypeFormatString(high, IM_ARRAYSIZE(high), data_type<T>(), &v.second, format);
    const int n = ImFormatString(text, IM_ARRAYSIZE(text), "%s - %s", low, high);
    ImGui::RenderTextClipped(frame.Min, frame.Max, text, text + n, nullptr, ImVec2(0.5f, 0.5f));
    return changed;
}

// [SECTION] Calendar (date_input) ----------------------------------------------------------------

int days_in_month(int year, int month) {
    using namespace std::chrono;
    const year_month_day_last last{
        std::chrono::year(year), month_day_last(std::chrono::month(static_cast<unsigned>(month)))};
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

// 0 = Monday .. 6 = Sunday.
int weekday_of(Date d) {
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year(d.year),
                             std::chrono::month(static_cast<unsigned>(d.month)),
                             std::chrono::day(static_cast<unsigned>(d.day))};
    return static_cast<int>(weekday(sys_days(ymd)).iso_encoding()) - 1;
}

// The month the calendar shows, as year * 12 + (month - 1), kept in Dear ImGui's state storage
// while the drop-down is open. Returns true when a day was picked (written to `value`).
bool calendar(const WidgetCmd& w, Date& value) {
    static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
    static constexpr const char* kWeekdays[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    char preview[16];
    ImFormatString(preview, IM_ARRAYSIZE(preview), "%04d-%02d-%02d", value.year, value.month,
                   value.day);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (!ImGui::BeginCombo("##v", preview, ImGuiComboFlags_HeightLargest)) return false;
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID view_id = ImGui::GetID("##view");
    const int first = w.min_date.year * 12 + w.min_date.month - 1;
    const int last = w.max_date.year * 12 + w.max_date.month - 1;
    int view = storage->GetInt(view_id, value.year * 12 + value.month - 1);
    if (ImGui::IsWindowAppearing()) view = value.year * 12 + value.month - 1;
    const float button = ImGui::GetFrameHeight();
    if (ImGui::Button("<<", ImVec2(button * 1.2f, 0))) view -= 12;
    ImGui::SameLine();
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) view -= 1;
    ImGui::SameLine();
    view = std::clamp(view, first, last);
    const int year = view / 12, month = view % 12 + 1;
    ImGui::Text("%s %d", kMonths[month - 1], year);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) view += 1;
    ImGui::SameLine();
    if (ImGui::Button(">>", ImVec2(button * 1.2f, 0))) view += 12;
    storage->SetInt(view_id, std::clamp(view, first, last));

    bool picked = false;
    if (ImGui::BeginTable("##days", 7, ImGuiTableFlags_SizingStretchSame)) {
        for (const char* name : kWeekdays) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", name);
        }
        const int skip = weekday_of({year, month, 1});
        for (int i = 0; i < skip; ++i)
            ImGui::TableNextColumn();
        const int days = days_in_month(year, month);
        for (int day = 1; day <= days; ++day) {
            ImGui::TableNextColumn();
            const Date d{year, month, day};
            const bool allowed = d >= w.min_date && d <= w.max_date;
            char text[4];
            ImFormatString(text, IM_ARRAYSIZE(text), "%d", day);
            ImGui::PushID(day);
            {
                DisabledScope disabled(!allowed);
                if (ImGui::Selectable(text, d == value) && d != value) {
                    value = d;
                    picked = true;
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndCombo();
    return picked;
}

// [SECTION] draw_widget ------------------------------------------------------------------------

template <class T>
void draw_slider(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, T x) {
    label_above(w);
    T lo = static_cast<T>(w.min), hi = static_cast<T>(w.max);
    ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp;
    // With a step imlit snaps to its grid; rounding to the format could move a value off it.
    if (w.step > 0 || std::max(std::abs(w.min), std::abs(w.max)) >= kRoundToFormatMaxMagnitude)
        flags |= ImGuiSliderFlags_NoRoundToFormat;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderScalar("##v", data_type<T>(), &x, &lo, &hi, number_format(c.format_buf, w),
                            flags)) {
        if (w.step > 0) x = static_cast<T>(snap_to_step(x, w.min, w.max, w.step));
        write_store(c, w.kind, id, x);
    }
}

template <class T>
void draw_number_input(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, T x) {
    label_above(w);
    const T step = static_cast<T>(w.step);
    const T fast = static_cast<T>(w.step * 10);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputScalar("##v", data_type<T>(), &x, w.step > 0 ? &step : nullptr,
                           w.step > 0 ? &fast : nullptr, number_format(c.format_buf, w))) {
        if constexpr (!std::is_integral_v<T>)
            if (!std::isfinite(x)) return; // "1e999" typed: ignored
        if (w.has_min) x = std::max(x, static_cast<T>(w.min));
        if (w.has_max) x = std::min(x, static_cast<T>(w.max));
        write_store(c, w.kind, id, x);
    }
}

template <class T>
void draw_range_slider(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, std::pair<T, T> v) {
    label_above(w);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (range_slider(w, v, number_format(c.format_buf, w))) write_store(c, w.kind, id, v);
}

void draw_text_input(Context::Impl& c, const WidgetCmd& w, std::uint64_t id,
                     const std::string& text) {
    label_above(w);
    c.input_buf = text;
    TextEdit edit{&c.input_buf, w.max_chars};
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackResize;
    if (w.max_chars > 0) flags |= ImGuiInputTextFlags_CallbackEdit;
    if (w.password) flags |= ImGuiInputTextFlags_Password;
    bool changed;
    if (w.multiline) {
        const float h = w.height > 0 ? w.height
                                     : ImGui::GetTextLineHeight() * kTextAreaLines +
                                           ImGui::GetStyle().FramePadding.y * 2;
        changed = ImGui::InputTextMultiline("##v", c.input_buf.data(), c.input_buf.capacity() + 1,
                                            ImVec2(-FLT_MIN, h), flags, text_callback, &edit);
        // Dear ImGui 1.86 has no hint for text areas: draw the placeholder over an empty one.
        if (!w.placeholder.empty() && c.input_buf.empty() && !ImGui::IsItemActive()) {
            const ImVec2 p = ImGui::GetItemRectMin();
            const ImVec2 pad = ImGui::GetStyle().FramePadding;
            ImGui::GetWindowDrawList()->AddText(
                ImVec2(p.x + pad.x, p.y + pad.y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                w.placeholder.data(), w.placeholder.data() + w.placeholder.size());
        }
    } else {
        ImGui::SetNextItemWidth(-FLT_MIN);
        changed = ImGui::InputTextWithHint(
            "##v", w.placeholder.empty() ? nullptr : cstr(c.preview_buf, w.placeholder),
            c.input_buf.data(), c.input_buf.capacity() + 1, flags, text_callback, &edit);
    }
    if (changed) write_store(c, w.kind, id, c.input_buf);
}

void draw_multiselect(Context::Impl& c, const WidgetCmd& w, std::uint64_t id,
                      const std::vector<std::size_t>& sel) {
    label_above(w);
    c.preview_buf.clear();
    for (std::size_t i : sel) {
        if (!c.preview_buf.empty()) c.preview_buf += ", ";
        c.preview_buf.append(w.options[i]);
    }
    if (sel.empty())
        c.preview_buf.assign(w.placeholder.empty() ? std::string_view("Choose options")
                                                   : w.placeholder);
    const bool full = w.max_selections > 0 && sel.size() >= w.max_selections;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (!ImGui::BeginCombo("##v", c.preview_buf.c_str())) return;
    for (std::size_t i = 0; i < w.options.size(); ++i) {
        const bool on = std::binary_search(sel.begin(), sel.end(), i);
        ImGui::PushID(static_cast<int>(i));
        {
            DisabledScope disabled(full && !on); // at max_selections: only unpicking
            if (ImGui::Selectable(cstr(c.label_buf, w.options[i]), on,
                                  ImGuiSelectableFlags_DontClosePopups)) {
                std::vector<std::size_t> next = sel;
                if (on)
                    std::erase(next, i);
                else
                    next.insert(std::lower_bound(next.begin(), next.end(), i), i);
                write_store(c, w.kind, id, std::move(next));
            }
        }
        ImGui::PopID();
    }
    ImGui::EndCombo();
}

void draw_choice(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, std::size_t sel) {
    label_above(w);
    if (w.kind == WidgetKind::radio) {
        for (std::size_t i = 0; i < w.options.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (w.horizontal && i > 0) ImGui::SameLine();
            if (ImGui::RadioButton(cstr(c.label_buf, w.options[i]), i == sel) && i != sel)
                write_store(c, w.kind, id, i);
            ImGui::PopID();
        }
        return;
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (!ImGui::BeginCombo("##v", cstr(c.preview_buf, w.options[sel]))) return;
    for (std::size_t i = 0; i < w.options.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(cstr(c.label_buf, w.options[i]), i == sel) && i != sel)
            write_store(c, w.kind, id, i);
        if (i == sel) ImGui::SetItemDefaultFocus();
        ImGui::PopID();
    }
    ImGui::EndCombo();
}

} // namespace

void draw_widget(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, const WidgetValue& v) {
    ImGui::PushID(reinterpret_cast<const void*>(static_cast<std::uintptr_t>(id)));
    {
        const DisabledScope disabled(w.disabled);
        switch (w.kind) {
        case WidgetKind::checkbox: {
            bool b = std::get<bool>(v);
            if (ImGui::Checkbox(cstr(c.label_buf, w.label), &b)) write_store(c, w.kind, id, b);
            help_marker(w.help);
            break;
        }
        case WidgetKind::toggle: {
            bool b = std::get<bool>(v);
            if (toggle(cstr(c.label_buf, w.label), &b)) write_store(c, w.kind, id, b);
            help_marker(w.help);
            break;
        }
        case WidgetKind::button:
            if (ImGui::Button(cstr(c.label_buf, w.label))) write_store(c, w.kind, id, true);
            help_marker(w.help);
            break;
        case WidgetKind::slider_int:
            draw_slider(c, w, id, std::get<int>(v));
            break;
        case WidgetKind::slider_float:
            draw_slider(c, w, id, std::get<float>(v));
            break;
        case WidgetKind::slider_double:
            draw_slider(c, w, id, std::get<double>(v));
            break;
        case WidgetKind::range_slider_int:
            draw_range_slider(c, w, id, std::get<std::pair<int, int>>(v));
            break;
        case WidgetKind::range_slider_float:
            draw_range_slider(c, w, id, std::get<std::pair<float, float>>(v));
            break;
        case WidgetKind::range_slider_double:
            draw_range_slider(c, w, id, std::get<std::pair<double, double>>(v));
            break;
        case WidgetKind::number_input_int:
            draw_number_input(c, w, id, std::get<int>(v));
            break;
        case WidgetKind::number_input_float:
            draw_number_input(c, w, id, std::get<float>(v));
            break;
        case WidgetKind::number_input_double:
            draw_number_input(c, w, id, std::get<double>(v));
            break;
        case WidgetKind::text_input:
            draw_text_input(c, w, id, std::get<std::string>(v));
            break;
        case WidgetKind::selectbox:
        case WidgetKind::radio:
            draw_choice(c, w, id, std::get<std::size_t>(v));
            break;
        case WidgetKind::multiselect:
            draw_multiselect(c, w, id, std::get<std::vector<std::size_t>>(v));
            break;
        case WidgetKind::color_picker: {
            label_above(w);
            const Color col = std::get<Color>(v);
            float rgba[4] = {col.r, col.g, col.b, col.a};
            ImGui::SetNextItemWidth(-FLT_MIN);
            const ImGuiColorEditFlags flags =
                w.alpha ? ImGuiColorEditFlags_AlphaBar : ImGuiColorEditFlags_NoAlpha;
            if (ImGui::ColorEdit4("##v", rgba, flags))
                write_store(c, w.kind, id, Color{rgba[0], rgba[1], rgba[2], rgba[3]});
            break;
        }
        case WidgetKind::date_input: {
            label_above(w);
            Date d = std::get<Date>(v);
            if (calendar(w, d)) write_store(c, w.kind, id, d);
            break;
        }
        case WidgetKind::data_table:
            label_above(w);
            draw_data_table(c, w, id, std::get<std::string>(v));
            break;
        case WidgetKind::table_selection: // drawn by its table
            break;
        case WidgetKind::file_input:
        case WidgetKind::save_button:
            draw_file_widget(c, w, id, std::get<std::string>(v));
            help_marker(w.help);
            break;
        }
    }
    ImGui::PopID();
}

} // namespace imlit::detail
