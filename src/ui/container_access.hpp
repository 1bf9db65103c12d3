// imlit internal — ContainerAccess: how the ui layer makes and reads the public handles
// (Container, ContainerGroup, Placeholder, Status), whose fields are private to users.
#pragma once

#include <memory>
#include <string_view>

#include "ui/context.hpp"

namespace imlit::detail {

struct ContainerAccess {
    static Container make(Context* ctx, std::uint64_t token, bool open) {
        Container c;
        if (token != 0) {
            c.ctx_ = ctx;
            c.token_ = token;
        }
        c.open_ = open;
        return c;
    }
    static ContainerGroup group(Context* ctx, std::uint64_t token, std::uint64_t id,
                                std::size_t count, bool tabs) {
        ContainerGroup g;
        if (token != 0) {
            g.ctx_ = ctx;
            g.token_ = token;
        }
        g.id_ = id;
        g.count_ = count;
        g.tabs_ = tabs;
        return g;
    }
    static void close(void* ctx, std::uint64_t token) {
        // Only the thread whose context opened it can close it (a handle moved to another
        // thread, or kept past its frame, is ignored: the frame already closed it).
        if (ctx == nullptr || ctx != Context::current()) return;
        close_level_token(static_cast<Context*>(ctx)->impl(), token);
    }
    static Container child(const ContainerGroup& g, std::size_t index) {
        Context::Impl& c = require_context(g.tabs_ ? "tabs[]" : "columns[]");
        const char* what = g.tabs_ ? "tab" : "column";
        if (g.count_ == 0) {
            draw_error_text(c, fmt::format("{} {} of a group that failed to open", what, index));
            return {};
        }
        if (index >= g.count_) {
            emit(c, CalloutCmd{CalloutKind::error, fmt::format("{} index {} is out of range ({} "
                                                               "{}s)",
                                                               what, index, g.count_, what)});
            return {};
        }
        BeginCmd b;
        b.kind = g.tabs_ ? ContainerKind::tab : ContainerKind::column;
        b.index = static_cast<std::uint32_t>(index);
        b.group = g.id_;
        const std::uint64_t token = emit_begin(c, b);
        if (token == 0) return {};
        const bool open = !c.recorders.empty() || c.stack.back().open;
        return make(Context::current(), token, open);
    }
    static Placeholder placeholder(Context::Impl& c) {
        Placeholder p;
        p.slot_ = std::make_shared<PlaceholderSlot>();
        p.recorded_ = !c.recorders.empty();
        p.token_ = open_placeholder(c, *p.slot_);
        p.ctx_ = Context::current();
        return p;
    }
    static Status status(Context::Impl& c, std::string_view label, const StatusOptions& o,
                         std::uint64_t site) {
        Status s;
        s.cell_ = std::make_shared<StatusCell>();
        s.cell_->state = {std::string(label), o.state, o.expanded};
        BeginCmd b;
        b.kind = ContainerKind::status;
        b.label = label;
        b.key = o.key;
        b.site = site;
        b.status = s.cell_.get();
        const std::uint64_t token = emit_begin(c, b);
        if (token == 0) return s;
        s.ctx_ = Context::current();
        s.token_ = token;
        s.open_ = !c.recorders.empty() || c.stack.back().open;
        return s;
    }
    static const std::shared_ptr<StatusCell>& cell(const Status& s) { return s.cell_; }
    static const std::shared_ptr<PlaceholderSlot>& slot(const Placeholder& p) { return p.slot_; }
    static std::uint64_t token(const Placeholder& p) { return p.token_; }
    static void* context(const Placeholder& p) { return p.ctx_; }
    static bool recorded(const Placeholder& p) { return p.recorded_; }
};

} // namespace imlit::detail
