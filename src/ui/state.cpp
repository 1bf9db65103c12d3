// imlit — set_widget (a widget changed from code, like a user edit) and session_state (values
// that live as long as the session). See imlit/state.hpp.
#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "ui/widget_impl.hpp"

namespace imlit::detail {

namespace {

// The frame context: both functions belong to the frame function, not to loaders (whose
// effects must be their value and their recorded output) nor to plain threads.
Context::Impl& frame_context(const char* function) {
    Context::Impl& c = require_context(function);
    if (!c.recorders.empty() || !c.frame || c.session == nullptr)
        throw std::logic_error(fmt::format(
            "imlit::{}() must be called from the frame function, not inside a cached loader: "
            "a loader's only effects are its value and the output it records",
            function));
    return c;
}

std::string type_name(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(
        abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

} // namespace

// [SECTION] set_widget ---------------------------------------------------------------------------

void set_widget_input(std::string_view key, WidgetInput value) {
    Context::Impl& c = frame_context("set_widget");
    if (key.empty())
        throw std::invalid_argument("imlit::set_widget: the key is empty (set_widget finds a "
                                    "widget by the key given in its options: {.key = \"...\"})");
    WidgetStore& s = c.session->impl().store;
    std::lock_guard lock(s.mutex);
    // The slot with this key shown most recently; a tie between several is ambiguous.
    std::uint64_t id = 0;
    const WidgetSlot* slot = nullptr;
    int tied = 0;
    std::string unkeyed; // a widget labelled `key` without a key, for the message
    for (const auto& [slot_id, candidate] : s.slots) {
        if (candidate.key.empty()) {
            if (candidate.label == key) unkeyed = widget_kind_name(candidate.kind);
            continue;
        }
        if (candidate.key != key) continue;
        if (slot == nullptr || candidate.last_frame > slot->last_frame) {
            slot = &candidate;
            id = slot_id;
            tied = 1;
        } else if (candidate.last_frame == slot->last_frame) {
            ++tied;
        }
    }
    if (slot == nullptr)
        throw std::invalid_argument(fmt::format(
            "imlit::set_widget(\"{}\"): no widget with this key has been shown in this session{}",
            key,
            unkeyed.empty() ? std::string()
                            : fmt::format(" (a {} is labelled \"{}\" but has no key: give it "
                                          "{{.key = \"{}\"}})",
                                          unkeyed, key, key)));
    if (tied > 1)
        throw std::invalid_argument(fmt::format(
            "imlit::set_widget(\"{}\"): {} widgets in different containers use this key; give "
            "each its own key",
            key, tied));
    try {
        WidgetValue v = input_to_value(slot->kind, value, slot->limits, slot->options);
        s.queued.emplace_back(id, std::move(v));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(
            fmt::format("imlit::set_widget(\"{}\", {}): {} '{}': {}", key, input_to_string(value),
                        widget_kind_name(slot->kind), slot->label, e.what()));
    }
    request_redraw(); // the next frame shows it, even when nothing else asks for one
}

void throw_set_widget_int_range(std::string_view key, long double value) {
    throw std::invalid_argument(
        fmt::format("imlit::set_widget(\"{}\", {}): the value does not fit in an int", key, value));
}

// [SECTION] session_state ------------------------------------------------------------------------

void* session_state_find(std::string_view key, const std::type_info& type) {
    Context::Impl& c = frame_context("session_state");
    auto& state = c.session->impl().state;
    auto it = state.find(key);
    if (it == state.end()) return nullptr;
    if (*it->second.type != type)
        throw std::invalid_argument(fmt::format(
            "imlit::session_state<{}>(\"{}\"): this key already holds a {}; use that type or "
            "another key",
            type_name(type), key, type_name(*it->second.type)));
    return it->second.object.get();
}

void* session_state_insert(std::string_view key, const std::type_info& type,
                           std::shared_ptr<void> object) {
    Context::Impl& c = frame_context("session_state");
    void* p = object.get();
    c.session->impl().state.emplace(std::string(key), SessionStateObject{&type, std::move(object)});
    return p;
}

} // namespace imlit::detail
