// Low-level tests of the command seam (src/ui/seam.hpp): recordings, interning, ids, replay,
// scopes, the widget store, and errors in place. Full element/widget coverage goes through
// AppTest (tests/testing, tests/ui/test_elements.cpp ...).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <imgui.h>

#include "imlit/ui.hpp"
#include "ui/context.hpp"
#include "ui/fonts.hpp"
#include "ui/seam.hpp"
#include "ui/session_impl.hpp"

using namespace imlit::detail;

namespace {

// A private Dear ImGui context (font atlas built, no renderer) that runs a Session's frames.
class Headless {
public:
    Headless() {
        previous_ = ImGui::GetCurrentContext();
        ctx_ = ImGui::CreateContext();
        ImGui::SetCurrentContext(ctx_);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1024, 768);
        io.DeltaTime = 1.0f / 60;
        io.IniFilename = nullptr;
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        // fonts() is remembered per context pointer; a new context may reuse a destroyed one's
        // address (another test's), so say explicitly that this one has no imlit fonts.
        set_fonts(Fonts{});
        session = Session::create({.manual_clock = true, .log_elements = true});
    }
    ~Headless() {
        session.reset();
        ImGui::DestroyContext(ctx_);
        ImGui::SetCurrentContext(previous_);
    }
    ImDrawData* frame(const std::function<void()>& fn) {
        ImGui::SetCurrentContext(ctx_);
        ImGui::NewFrame();
        session->run_frame(fn);
        ImGui::Render();
        return ImGui::GetDrawData();
    }
    std::vector<std::string> kinds() const {
        std::vector<std::string> out;
        for (const LoggedElement& e : element_log(*session))
            out.emplace_back(e.kind);
        return out;
    }
    const LoggedElement* find(std::string_view kind, std::string_view text) const {
        for (const LoggedElement& e : element_log(*session))
            if (e.kind == kind && e.text == text) return &e;
        return nullptr;
    }
    std::shared_ptr<Session> session;

private:
    ImGuiContext* previous_ = nullptr;
    ImGuiContext* ctx_ = nullptr;
};

// Everything a draw list submits, as bytes.
std::vector<std::string> snapshot(const ImDrawData* d) {
    std::vector<std::string> out;
    for (int i = 0; i < d->CmdListsCount; ++i) {
        const ImDrawList* l = d->CmdLists[i];
        std::string s;
        s.append(reinterpret_cast<const char*>(l->VtxBuffer.Data),
                 static_cast<std::size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
        s.append(reinterpret_cast<const char*>(l->IdxBuffer.Data),
                 static_cast<std::size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : l->CmdBuffer) {
            s.append(reinterpret_cast<const char*>(&c.ClipRect), sizeof c.ClipRect);
            s.append(reinterpret_cast<const char*>(&c.ElemCount), sizeof c.ElemCount);
            s.append(reinterpret_cast<const char*>(&c.IdxOffset), sizeof c.IdxOffset);
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string_view text_of(const Command& c) {
    if (const auto* t = std::get_if<TextCmd>(&c)) return t->text;
    return {};
}

} // namespace

TEST_CASE("elements outside a frame or loader throw logic_error naming the function", "[seam]") {
    REQUIRE(Context::current() == nullptr);
    try {
        imlit::text("hello");
        FAIL("no exception");
    } catch (const std::logic_error& e) {
        CHECK(std::string(e.what()).find("imlit::text()") != std::string::npos);
    }
    CHECK_THROWS_AS(imlit::checkbox("x"), std::logic_error);
    CHECK_THROWS_AS((void)imlit::expander("x"), std::logic_error);
}

TEST_CASE("recording interns strings: the copy outlives the caller's data", "[seam]") {
    auto session = Session::create({.manual_clock = true});
    Recording rec(Site{});
    {
        LoaderContext lc(session, Site{});
        RecordScope scope(rec, {.name = "f"});
        for (int i = 0; i < 100; ++i) {
            std::string s = "line " + std::to_string(i) + std::string(40, 'x');
            imlit::text(s);
            std::memset(s.data(), '?', s.size()); // destroy the source text
        }
        imlit::text("{} + {} = {}", 1, 2, 3);
    }
    REQUIRE(rec.size() == 101);
    for (int i = 0; i < 100; ++i)
        CHECK(text_of(rec.impl().at(static_cast<std::size_t>(i))) ==
              "line " + std::to_string(i) + std::string(40, 'x'));
    CHECK(text_of(rec.impl().at(100)) == "1 + 2 = 3");
    CHECK(rec.byte_size() > 100 * 45);
}

TEST_CASE("a reader replays the published prefix while the writer appends", "[seam][threads]") {
    auto session = Session::create({.manual_clock = true});
    Recording rec(Site{});
    constexpr int kCount = 20000;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        LoaderContext lc(session, Site{});
        RecordScope scope(rec, {.name = "writer"});
        for (int i = 0; i < kCount; ++i) {
            if (i % 100 == 0) {
                auto e = imlit::expander("group " + std::to_string(i));
                imlit::text(std::to_string(i));
            } else {
                imlit::text(std::to_string(i));
            }
        }
        done = true;
    });
    std::size_t checked = 0;
    int bad = 0;
    int replays = 0;
    while (!done || checked < rec.size()) {
        const std::size_t n = rec.size();
        if (replays < 50 && n > 0) {
            // A full replay of the published prefix, re-recorded (copies every string).
            ++replays;
            LoaderContext lc(session, Site{});
            Recording copy(Site{});
            {
                RecordScope scope(copy, {.name = "reader"});
                replay(rec, n);
            }
            if (copy.size() < n) ++bad;
        }
        for (; checked < n; ++checked) {
            const Command& c = rec.impl().at(checked);
            if (const auto* t = std::get_if<TextCmd>(&c)) {
                if (t->text.empty() || t->text.size() > 6) ++bad;
            } else if (const auto* b = std::get_if<const BeginCmd*>(&c)) {
                if ((*b)->label.substr(0, 6) != "group ") ++bad;
            }
        }
    }
    writer.join();
    CHECK(bad == 0);
    CHECK(rec.size() == kCount + 2 * (kCount / 100));
    // Every expander's Begin knows where its End is.
    for (std::size_t i = 0; i < rec.size(); ++i)
        if (const auto* b = std::get_if<const BeginCmd*>(&rec.impl().at(i)))
            CHECK(std::holds_alternative<EndCmd>(rec.impl().at((*b)->end->load() - 1)));
}

TEST_CASE("ids: relative ids compose and are found again at another site", "[seam][ids]") {
    const Site root{};
    const std::uint64_t a = child_path(0, 11);
    const std::uint64_t ab = child_path(a, 22);
    const std::uint64_t abc = child_path(ab, 33);
    Context ctx(std::make_unique<Context::Impl>());
    const RelId rel_a = ctx.relative_to(root, a, 1);
    const RelId c_from_a = ctx.relative_to(Site{a, 1}, abc, 3);
    CHECK(full_id(Site{a, 1}, c_from_a) == abc);
    CHECK(full_id(root, compose(rel_a, c_from_a)) == abc);
    // Same relative id at another site: the same chain under that site.
    const std::uint64_t x = child_path(0, 99);
    CHECK(full_id(Site{x, 1}, c_from_a) == child_path(child_path(x, 22), 33));
    // Absolute ids (pow 0) stay absolute through compose.
    CHECK(full_id(Site{x, 1}, compose(rel_a, RelId{1234, 0})) == 1234);
}

TEST_CASE("widget reads are recorded relative to the recording's site", "[seam][ids]") {
    Headless h;
    std::unique_ptr<Recording> rec;
    h.frame([&] {
        if (auto e = imlit::expander("outer", {.expanded = true})) {
            rec = std::make_unique<Recording>(Context::current()->site());
            RecordScope scope(*rec, {.name = "f"});
            imlit::checkbox("A");
            if (auto c = imlit::container({.key = "inner"})) imlit::slider("S", 3, 0, 10);
        }
    });
    REQUIRE(rec);
    REQUIRE(rec->reads().size() == 2);
    const LoggedElement* cb = h.find("checkbox", "A");
    const LoggedElement* sl = h.find("slider", "S");
    REQUIRE(cb);
    REQUIRE(sl);
    CHECK(full_id(rec->site(), rec->reads()[0].id) == cb->widget_id);
    CHECK(full_id(rec->site(), rec->reads()[1].id) == sl->widget_id);
    CHECK(rec->reads()[0].value == hash_widget_value(false));
    CHECK(rec->reads()[0].default_value == hash_widget_value(false));
    CHECK(rec->reads()[1].value == hash_widget_value(3));
    CHECK(rec->reads()[1].label == "S");

    // Replayed under another container, the widgets live at the same relative ids.
    Site other;
    h.frame([&] {
        if (auto e = imlit::expander("other", {.expanded = true})) {
            other = Context::current()->site();
            replay(*rec, rec->size());
        }
    });
    REQUIRE(h.find("checkbox", "A"));
    CHECK(h.find("checkbox", "A")->widget_id == full_id(other, rec->reads()[0].id));
    CHECK(h.find("slider", "S")->widget_id == full_id(other, rec->reads()[1].id));
    CHECK(rec->reads().size() == 2); // replay does not report reads
}

TEST_CASE("report_reads folds a nested entry's reads into the enclosing recording", "[seam][ids]") {
    Headless h;
    std::unique_ptr<Recording> inner;
    Recording outer(Site{});
    h.frame([&] {
        RecordScope outer_scope(outer, {.name = "outer"});
        if (auto e = imlit::expander("e", {.expanded = true})) {
            const Site site = Context::current()->site();
            inner = std::make_unique<Recording>(site);
            {
                RecordScope inner_scope(*inner, {.name = "inner"});
                imlit::checkbox("nested");
            }
            replay(*inner, inner->size()); // (as the cache layer does on a nested miss)
            report_reads(inner->reads(), site);
        }
    });
    REQUIRE(inner->reads().size() == 1);
    REQUIRE(outer.reads().size() == 1);
    const LoggedElement* cb = h.find("checkbox", "nested");
    REQUIRE(cb);
    CHECK(full_id(outer.site(), outer.reads()[0].id) == cb->widget_id);
}

TEST_CASE("the widget store: value at the start of the call, edits show next frame",
          "[seam][store]") {
    Headless h;
    std::vector<bool> seen;
    std::vector<bool> clicks;
    auto frame = [&] {
        seen.push_back(imlit::checkbox("A"));
        clicks.push_back(imlit::button("Go"));
    };
    h.frame(frame);
    const std::uint64_t a = h.find("checkbox", "A")->widget_id;
    const std::uint64_t go = h.find("button", "Go")->widget_id;
    CHECK_FALSE(store_get(*h.session, a).has_value());
    store_set(*h.session, a, WidgetValue(true));
    store_click(*h.session, go);
    h.frame(frame);
    h.frame(frame);
    CHECK(seen == std::vector<bool>{false, true, true});
    CHECK(clicks == std::vector<bool>{false, true, false});
    CHECK(widget_value_hash(*h.session, a) == hash_widget_value(true));
    CHECK_THROWS_AS(store_set(*h.session, a, WidgetValue(3)), std::invalid_argument);
    CHECK_THROWS_AS(store_click(*h.session, a), std::invalid_argument);
}

TEST_CASE("slider store writes are validated and ranges clamp stored values", "[seam][store]") {
    Headless h;
    int max = 10;
    int got = -1;
    auto frame = [&] { got = imlit::slider("n", 5, 0, max); };
    h.frame(frame);
    const std::uint64_t id = h.find("slider", "n")->widget_id;
    CHECK_THROWS_AS(store_set(*h.session, id, WidgetValue(11)), std::invalid_argument);
    store_set(*h.session, id, WidgetValue(9));
    h.frame(frame);
    CHECK(got == 9);
    max = 7;
    h.frame(frame);
    CHECK(got == 7);
}

TEST_CASE("duplicate widget ids are an error in place, the second returns its default",
          "[seam][errors]") {
    Headless h;
    bool first = false, second = false, third = false;
    h.frame([&] {
        first = imlit::checkbox("A");
        second = imlit::checkbox("A", true);
        if (auto c = imlit::container({.key = "box"})) third = imlit::checkbox("A", true);
        imlit::text("after");
    });
    CHECK_FALSE(first);
    CHECK(second);
    CHECK(third);
    int errors = 0;
    for (const LoggedElement& e : element_log(*h.session))
        if (std::string_view(e.kind) == "error") {
            ++errors;
            CHECK(e.text.find("checkbox 'A'") != std::string::npos);
        }
    CHECK(errors == 1);
    CHECK(h.find("text", "after"));
}

TEST_CASE("bad widget parameters are errors in place naming the widget", "[seam][errors]") {
    Headless h;
    int s = -1;
    std::string sel = "x";
    h.frame([&] {
        s = imlit::slider("speed", 5, 10, 0);
        sel = imlit::selectbox("pick", std::span<const std::string>{});
        imlit::text("still drawn");
    });
    CHECK(s == 5);
    CHECK(sel.empty());
    std::vector<std::string> errors;
    for (const LoggedElement& e : element_log(*h.session))
        if (std::string_view(e.kind) == "error") errors.push_back(e.text);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].find("slider 'speed'") != std::string::npos);
    CHECK(errors[1].find("selectbox 'pick'") != std::string::npos);
    CHECK(h.find("text", "still drawn"));
}

TEST_CASE("buttons, and widgets where not allowed, are errors inside a cached scope",
          "[seam][errors]") {
    Headless h;
    Recording rec(Site{});
    Recording strict(Site{});
    bool b = true, c = false;
    h.frame([&] {
        {
            RecordScope scope(rec, {.name = "load_model"});
            b = imlit::button("Go");
        }
        RecordScope scope(strict, {.name = "strict", .allow_widgets = false});
        c = imlit::checkbox("flag", true);
    });
    CHECK_FALSE(b);
    CHECK(c);
    std::vector<std::string> errors;
    for (const LoggedElement& e : element_log(*h.session))
        if (std::string_view(e.kind) == "error") errors.push_back(e.text);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].find("button 'Go'") != std::string::npos);
    CHECK(errors[0].find("load_model") != std::string::npos);
    CHECK(errors[1].find("checkbox 'flag'") != std::string::npos);
    CHECK(errors[1].find("strict") != std::string::npos);
    CHECK(rec.reads().empty());
    CHECK(strict.reads().empty());
    // The errors are recorded, so a replay shows them too.
    REQUIRE(rec.size() == 1);
    CHECK(std::holds_alternative<CalloutCmd>(rec.impl().at(0)));
}

TEST_CASE("raw Dear ImGui drawn inside a recorded scope is reported once", "[seam][raw]") {
    Headless h;
    Recording rec(Site{});
    Recording clean(Site{});
    h.frame([&] {
        {
            RecordScope scope(rec, {.name = "plot"});
            imlit::text("a");
            ImGui::Text("raw 1");
            imlit::text("b");
            ImGui::Text("raw 2");
            imlit::text("c");
        }
        RecordScope scope(clean, {.name = "clean"});
        imlit::text("d");
        imlit::custom([] { ImGui::Text("wrapped"); });
        imlit::text("e");
    });
    CHECK(rec.drew_raw_imgui());
    CHECK_FALSE(clean.drew_raw_imgui());
    int warnings = 0;
    for (const LoggedElement& e : element_log(*h.session))
        if (std::string_view(e.kind) == "warning") {
            ++warnings;
            CHECK(e.text.find("'plot'") != std::string::npos);
            CHECK(e.text.find("imlit::custom") != std::string::npos);
        }
    CHECK(warnings == 1);
}

TEST_CASE("closed containers: recorded bodies run, replay skips them", "[seam][containers]") {
    Headless h;
    Recording rec(Site{});
    bool body_ran = false;
    h.frame([&] {
        RecordScope scope(rec, {.name = "f"});
        if (auto e = imlit::expander("closed")) {
            body_ran = true;
            imlit::text("hidden");
            imlit::checkbox("inside");
        }
        imlit::text("after");
    });
    CHECK(body_ran);
    CHECK(h.find("expander", "closed"));
    CHECK_FALSE(h.find("text", "hidden"));
    CHECK(rec.reads().size() == 1);
    h.frame([&] { replay(rec, rec.size()); });
    CHECK(h.find("expander", "closed"));
    CHECK_FALSE(h.find("text", "hidden"));
    CHECK(h.find("text", "after"));
    // A partial recording (Begin without its End yet) replays without leaving it open.
    h.frame([&] {
        replay(rec, 2);
        imlit::text("outside");
    });
    const LoggedElement* outside = h.find("text", "outside");
    REQUIRE(outside);
    CHECK(outside->depth == 0);
}

TEST_CASE("a recorded column of a group that is not open at replay is an error in place",
          "[seam][containers]") {
    Headless h;
    Recording rec(Site{});
    // One call site, so the group has the same id whenever it is made (ids come from the call
    // site, not from the order of calls).
    auto make_columns = [] { return imlit::columns(2); };
    h.frame([&] {
        auto cols = make_columns();
        RecordScope scope(rec, {.name = "fill"});
        if (auto c = cols[1]) imlit::text("in column 1");
    });
    CHECK(h.find("column", "1"));
    CHECK(h.find("text", "in column 1"));
    h.frame([&] {
        replay(rec, rec.size());
        imlit::text("after");
    });
    CHECK_FALSE(h.find("text", "in column 1"));
    bool error = false;
    for (const LoggedElement& e : element_log(*h.session))
        error |=
            std::string_view(e.kind) == "error" && e.text.find("column 1") != std::string::npos;
    CHECK(error);
    CHECK(h.find("text", "after"));
    // With the group open again, the same recording fills its column.
    h.frame([&] {
        auto cols = make_columns();
        replay(rec, rec.size());
    });
    CHECK(h.find("text", "in column 1"));
}

TEST_CASE("an exception escaping the frame is shown in place", "[seam][errors]") {
    Headless h;
    h.frame([&] {
        auto c = imlit::columns(2);
        auto c0 = c[0];
        throw std::runtime_error("boom");
    });
    const LoggedElement* e = h.find("exception", "boom");
    REQUIRE(e);
    CHECK(e->label.find("runtime_error") != std::string::npos);
    h.frame([&] { imlit::text("fine"); });
    CHECK(h.find("text", "fine"));
}

namespace {
void every_element() {
    static const imlit::Table table{{{"name", std::vector<std::string>{"a", "b", "c"}},
                                     {"value", std::vector<double>{1, 2.5, -3}}}};
    imlit::title("Title");
    imlit::header("Header");
    imlit::subheader("Subheader");
    imlit::text("Plain text that is long enough to wrap, or at least to be measured.");
    imlit::text("{:.2f} ms", 3.14159);
    imlit::caption("caption");
    imlit::markdown("# Heading\nSome **bold** and `code`.\n\n- one\n- two\n");
    imlit::code("int main() { return 0; }", "cpp");
    imlit::success("ok");
    imlit::info("info");
    imlit::warning("careful");
    imlit::error("bad");
    imlit::exception(std::runtime_error("thrown"));
    imlit::separator();
    imlit::progress(0.4f, "loading");
    imlit::spinner("working");
    imlit::metric("Speed", "12 km/h", "+3");
    imlit::table(table, {.height = 120});
    imlit::line_chart({imlit::Series{"s", {1, 3, 2, 4}}}, {.height = 100});
    imlit::custom([] { ImGui::Text("custom"); });
    imlit::checkbox("check", true);
    imlit::slider("int", 3, 0, 10);
    imlit::slider("float", 0.5f, 0.0f, 1.0f);
    imlit::number_input("num", 2.0, {.step = 0.5});
    imlit::text_input("name", "Ada");
    imlit::selectbox("pick", {"x", "y", "z"}, 1);
    imlit::radio("mode", {"fast", "slow"});
    imlit::multiselect("many", {"a", "b", "c"}, {"b"});
    imlit::color_picker("colour", {0.2f, 0.4f, 0.6f, 1});
    {
        auto cols = imlit::columns({2.0f, 1.0f});
        if (auto c = cols[0]) imlit::text("left");
        if (auto c = cols[1]) imlit::text("right");
    }
    {
        auto t = imlit::tabs({"one", "two"});
        if (auto c = t[0]) imlit::text("tab one");
        if (auto c = t[1]) imlit::text("tab two");
    }
    if (auto e = imlit::expander("more", {.expanded = true})) imlit::text("expanded");
    if (auto e = imlit::expander("less")) imlit::text("collapsed");
    if (auto c = imlit::container({.key = "box", .border = true})) imlit::text("boxed");
    if (auto s = imlit::sidebar()) imlit::text("in the sidebar");
}
} // namespace

TEST_CASE("a replayed recording draws the same draw data as the direct calls", "[seam][replay]") {
    Headless h;
    std::vector<std::string> direct;
    for (int i = 0; i < 3; ++i)
        direct = snapshot(h.frame(every_element));
    const auto direct_kinds = h.kinds();
    Recording rec(Site{});
    h.frame([&] {
        RecordScope scope(rec, {.name = "all"});
        every_element();
    });
    CHECK_FALSE(rec.drew_raw_imgui());
    std::vector<std::string> replayed;
    for (int i = 0; i < 3; ++i)
        replayed = snapshot(h.frame([&] { replay(rec, rec.size()); }));
    CHECK(h.kinds() == direct_kinds);
    REQUIRE(replayed.size() == direct.size());
    for (std::size_t i = 0; i < direct.size(); ++i) {
        INFO("draw list " << i);
        CHECK(replayed[i] == direct[i]);
    }
}

TEST_CASE("record_into_enclosing copies a nested recording without drawing it again",
          "[seam][replay]") {
    Headless h;
    Recording outer(Site{});
    std::unique_ptr<Recording> inner;
    h.frame([&] {
        RecordScope outer_scope(outer, {.name = "outer"});
        imlit::text("before");
        inner = std::make_unique<Recording>(Context::current()->site());
        {
            RecordScope inner_scope(*inner, {.name = "inner"});
            imlit::text("nested");
            if (auto e = imlit::expander("nested box", {.expanded = true}))
                imlit::checkbox("nested flag");
        }
        record_into_enclosing(*inner, inner->size());
        imlit::text("after");
    });
    int shown = 0;
    for (const LoggedElement& e : element_log(*h.session))
        shown += e.text == "nested" ? 1 : 0;
    CHECK(shown == 1);
    REQUIRE(inner->size() == 4);
    REQUIRE(outer.size() == 6);
    // The outer recording replays the nested output in place, as one structure.
    h.frame([&] { replay(outer, outer.size()); });
    std::vector<std::string> texts;
    for (const LoggedElement& e : element_log(*h.session))
        texts.push_back(e.kind + (":" + e.text));
    CHECK(texts == std::vector<std::string>{"text:before", "text:nested", "expander:nested box",
                                            "checkbox:nested flag", "text:after"});
}

TEST_CASE("a container handle kept past its frame is closed by the frame, then ignored",
          "[seam][containers]") {
    Headless h;
    std::optional<imlit::Container> kept;
    h.frame([&] {
        kept.emplace(imlit::expander("kept", {.expanded = true}));
        imlit::text("inside");
    });
    const LoggedElement* inside = h.find("text", "inside");
    REQUIRE(inside);
    CHECK(inside->depth == 1);
    kept.reset(); // outside any frame: nothing to close, no crash
    h.frame([&] { imlit::text("next"); });
    REQUIRE(h.find("text", "next"));
    CHECK(h.find("text", "next")->depth == 0);
}

TEST_CASE("a loader on a worker fills a column of a group the frame made", "[seam][containers]") {
    Headless h;
    Recording rec(Site{});
    h.frame([&] {
        auto cols = imlit::columns(2);
        const Site site = Context::current()->site();
        std::thread worker([&] {
            LoaderContext lc(h.session, site);
            RecordScope scope(rec, {.name = "worker"});
            if (auto c = cols[1]) {
                imlit::text("from worker");
                imlit::checkbox("worker flag");
            }
        });
        worker.join();
        replay(rec, rec.size());
    });
    const LoggedElement* t = h.find("text", "from worker");
    REQUIRE(t);
    CHECK(h.find("column", "1"));
    // The read is absolute (the column is not under the loader's site) and names the widget.
    REQUIRE(rec.reads().size() == 1);
    CHECK(rec.reads()[0].id.pow == 0);
    CHECK(full_id(Site{}, rec.reads()[0].id) == h.find("checkbox", "worker flag")->widget_id);
}

TEST_CASE("a loader with no session sees widgets at their defaults and records the reads",
          "[seam]") {
    Recording rec(Site{});
    bool value = false;
    {
        LoaderContext lc(nullptr, Site{});
        RecordScope scope(rec, {.name = "plain"});
        imlit::text("works");
        value = imlit::checkbox("flag", true);
    }
    CHECK(value);
    REQUIRE(rec.size() == 2); // the text and the (live on replay) checkbox; no error
    CHECK(text_of(rec.impl().at(0)) == "works");
    // The read keys the entry by the default value (R4: a plain thread's entry is the default
    // state's, never one that stands for every state).
    REQUIRE(rec.reads().size() == 1);
    CHECK(rec.reads()[0].value == rec.reads()[0].default_value);
}

TEST_CASE("groups made inside a recording replay with their children anywhere",
          "[seam][containers]") {
    Headless h;
    Recording rec(Site{});
    auto body = [] {
        {
            auto cols = imlit::columns(2);
            if (auto c = cols[1]) imlit::text("right");
            if (auto c = cols[0]) imlit::text("left");
        }
        auto t = imlit::tabs({"a", "b"});
        if (auto c = t[0]) imlit::text("tab a");
    };
    h.frame([&] {
        RecordScope scope(rec, {.name = "groups"});
        body();
    });
    h.frame([&] {
        { auto shift = imlit::columns(3); } // shifts the unnamed-container counter
        if (auto e = imlit::expander("elsewhere", {.expanded = true})) replay(rec, rec.size());
    });
    for (const char* text : {"right", "left", "tab a"}) {
        INFO(text);
        const LoggedElement* e = h.find("text", text);
        REQUIRE(e);
        CHECK(e->depth == 3); // expander > group > child
    }
    for (const LoggedElement& e : element_log(*h.session))
        CHECK(std::string_view(e.kind) != "error");
}
