// Replay fidelity (DESIGN §6, issue 3): a frame that uses every element, widget and container,
// drawn by direct calls, must produce the same Dear ImGui draw data as the same frame recorded
// (RecordScope) and replayed (detail::replay) in a fresh, identical session. Compared: every
// draw list's vertices (position, uv, colour), indices and commands (clip rect, texture id,
// offsets, counts). Sanity checks show that the comparison sees a dropped command and a
// one-glyph change.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <imgui.h>

#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/replay_clipper.hpp"
#include "ui/seam.hpp"
#include "ui/texture.hpp"

using imlit::testing::AppTest;
namespace detail = imlit::detail;

namespace {

// [SECTION] Draw data snapshots ---------------------------------------------------------------

struct CmdSnap {
    ImVec4 clip;
    ImTextureID texture;
    unsigned vtx_offset, idx_offset, elem_count;
    bool callback;
};
struct ListSnap {
    std::vector<ImDrawVert> vtx;
    std::vector<ImDrawIdx> idx;
    std::vector<CmdSnap> cmds;
};
struct Snapshot {
    ImVec2 display_pos, display_size;
    int total_vtx = 0, total_idx = 0;
    std::vector<ListSnap> lists;
};

Snapshot snapshot(const ImDrawData* dd) {
    REQUIRE(dd != nullptr);
    REQUIRE(dd->Valid);
    Snapshot s;
    s.display_pos = dd->DisplayPos;
    s.display_size = dd->DisplaySize;
    s.total_vtx = dd->TotalVtxCount;
    s.total_idx = dd->TotalIdxCount;
    for (int i = 0; i < dd->CmdListsCount; ++i) {
        const ImDrawList* dl = dd->CmdLists[i];
        ListSnap l;
        l.vtx.assign(dl->VtxBuffer.Data, dl->VtxBuffer.Data + dl->VtxBuffer.Size);
        l.idx.assign(dl->IdxBuffer.Data, dl->IdxBuffer.Data + dl->IdxBuffer.Size);
        for (const ImDrawCmd& c : dl->CmdBuffer)
            l.cmds.push_back({c.ClipRect, c.TextureId, c.VtxOffset, c.IdxOffset, c.ElemCount,
                              c.UserCallback != nullptr});
        s.lists.push_back(std::move(l));
    }
    return s;
}

bool same(const ImVec2& a, const ImVec2& b) {
    return a.x == b.x && a.y == b.y;
}
bool same(const ImVec4& a, const ImVec4& b) {
    return a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w;
}

// "" when equal; else where they first differ.
std::string difference(const Snapshot& a, const Snapshot& b) {
    if (!same(a.display_pos, b.display_pos) || !same(a.display_size, b.display_size))
        return "display rect differs";
    if (a.lists.size() != b.lists.size())
        return fmt::format("draw list count {} vs {}", a.lists.size(), b.lists.size());
    if (a.total_vtx != b.total_vtx || a.total_idx != b.total_idx)
        return fmt::format("totals: {} vs {} vertices, {} vs {} indices", a.total_vtx, b.total_vtx,
                           a.total_idx, b.total_idx);
    for (std::size_t i = 0; i < a.lists.size(); ++i) {
        const ListSnap& x = a.lists[i];
        const ListSnap& y = b.lists[i];
        if (x.cmds.size() != y.cmds.size())
            return fmt::format("list {}: {} vs {} commands", i, x.cmds.size(), y.cmds.size());
        for (std::size_t j = 0; j < x.cmds.size(); ++j) {
            const CmdSnap& p = x.cmds[j];
            const CmdSnap& q = y.cmds[j];
            if (!same(p.clip, q.clip))
                return fmt::format("list {} cmd {}: clip rect ({}, {}, {}, {}) vs ({}, {}, {}, {})",
                                   i, j, p.clip.x, p.clip.y, p.clip.z, p.clip.w, q.clip.x, q.clip.y,
                                   q.clip.z, q.clip.w);
            if (p.texture != q.texture)
                return fmt::format("list {} cmd {}: texture id differs", i, j);
            if (p.vtx_offset != q.vtx_offset || p.idx_offset != q.idx_offset ||
                p.elem_count != q.elem_count || p.callback != q.callback)
                return fmt::format("list {} cmd {}: offsets/counts {}/{}/{} vs {}/{}/{}", i, j,
                                   p.vtx_offset, p.idx_offset, p.elem_count, q.vtx_offset,
                                   q.idx_offset, q.elem_count);
        }
        if (x.vtx.size() != y.vtx.size())
            return fmt::format("list {}: {} vs {} vertices", i, x.vtx.size(), y.vtx.size());
        for (std::size_t v = 0; v < x.vtx.size(); ++v) {
            const ImDrawVert& p = x.vtx[v];
            const ImDrawVert& q = y.vtx[v];
            if (!same(p.pos, q.pos) || !same(p.uv, q.uv) || p.col != q.col)
                return fmt::format("list {} vertex {}: pos ({}, {}) uv ({}, {}) col {:08x} vs "
                                   "pos ({}, {}) uv ({}, {}) col {:08x}",
                                   i, v, p.pos.x, p.pos.y, p.uv.x, p.uv.y, p.col, q.pos.x, q.pos.y,
                                   q.uv.x, q.uv.y, q.col);
        }
        if (x.idx != y.idx) return fmt::format("list {}: indices differ", i);
    }
    return {};
}

// [SECTION] A fake GPU, so image() draws real texture ids -----------------------------------

std::intptr_t g_next_texture = 100;
ImTextureID fake_upload(const detail::TextureData&) {
    return reinterpret_cast<ImTextureID>(g_next_texture++);
}
void fake_destroy(ImTextureID) {}
const detail::TextureBackend g_fake_backend{fake_upload, fake_destroy};

struct FakeGpu {
    FakeGpu() { detail::set_texture_backend(&g_fake_backend); }
    ~FakeGpu() { detail::set_texture_backend(nullptr); }
};

// [SECTION] The frame that uses everything ---------------------------------------------------

struct Data {
    imlit::Texture texture;
    imlit::Texture missing = imlit::Texture::from_file("/nonexistent/fidelity.png");
    imlit::Table table;
    std::vector<imlit::Series> series;
    std::vector<std::string> options = {"alpha", "beta", "gamma"};

    Data() {
        std::vector<std::uint8_t> px(48 * 24 * 4);
        for (std::size_t i = 0; i < px.size(); ++i)
            px[i] = static_cast<std::uint8_t>(i * 7);
        texture = imlit::Texture::from_rgba(48, 24, px);
        std::vector<std::string> names;
        std::vector<double> values;
        for (int i = 0; i < 500; ++i) {
            names.push_back(fmt::format("item {}", i));
            values.push_back(i * 1.25);
        }
        table.columns = {{"name", names}, {"value", values}};
        std::vector<double> a, b;
        for (int i = 0; i < 200; ++i) {
            a.push_back(std::sin(i / 15.0));
            b.push_back(std::cos(i / 25.0) * 0.5);
        }
        series = {{"sin", a}, {"cos", b}};
    }
};

void everything(const Data& d, bool end_marker = true) {
    if (auto s = imlit::sidebar()) {
        imlit::subheader("Sidebar");
        imlit::checkbox("Sidebar flag", true);
        imlit::radio("Sidebar mode", {"one", "two"});
    }
    imlit::title("Fidelity");
    imlit::header("Elements");
    imlit::subheader("Text");
    imlit::text("plain text that is long enough to wrap when the page is narrow enough, "
                "which it is not, but the wrapping code still runs");
    imlit::text("{:.2f} ms, {} items", 3.14159, 42);
    imlit::caption("a caption");
    imlit::markdown("# Heading\nSome **bold** and `code` and a [link](http://x).\n\n- one\n"
                    "  - nested\n1. first\n2. second\n\n```cpp\nint x = 1;\n```\n---\n");
    imlit::code("for (int i = 0; i < 3; ++i) {}\nreturn 0;", "cpp");
    imlit::success("success");
    imlit::info("info");
    imlit::warning("warning");
    imlit::error("error");
    imlit::exception(std::runtime_error("an exception"));
    imlit::separator();
    imlit::progress(0.3f);
    imlit::progress(0.8f, "eighty");
    imlit::progress(std::numeric_limits<float>::quiet_NaN());
    imlit::spinner("spinning");
    imlit::metric("Metric", "12.5", "+3%");
    imlit::metric("Other", "7", "-1");
    imlit::image(d.texture);
    imlit::image(d.texture, {96, 0});
    imlit::image(d.missing);
    imlit::table(d.table, {.height = 150});
    imlit::line_chart(d.series, {.height = 120, .x_label = "x", .y_label = "y"});
    imlit::custom([] {
        ImGui::TextUnformatted("raw Dear ImGui in custom()");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(p, ImVec2(p.x + 40, p.y + 10), IM_COL32(200, 50, 50, 255));
        ImGui::Dummy(ImVec2(40, 10));
    });

    imlit::header("Widgets");
    imlit::checkbox("Check");
    // A user button is not allowed in a cached scope (R4); the framework's Retry button is,
    // and it goes through the same widget path.
    detail::retry_button(0x1234);
    imlit::slider("Int slider", 3, 0, 10);
    imlit::slider("Float slider", 0.5f, 0.0f, 1.0f);
    imlit::number_input("Number", 2.5, {.step = 0.5});
    imlit::text_input("Text input", "hello");
    imlit::selectbox("Select", d.options, 1);
    imlit::radio("Radio", d.options);
    imlit::multiselect("Multi", {"x", "y", "z"}, {"y"});
    imlit::color_picker("Colour", {0.2f, 0.4f, 0.6f, 1.0f});
    // Widget options (help, disabled, step, format, placeholder, ...) are recorded too.
    imlit::toggle("Toggle", true, {.help = "a switch"});
    imlit::slider("Double slider", 0.25, 0.0, 1.0, {.step = 0.05, .format = "%.2f"});
    imlit::range_slider("Range slider", {20, 60}, 0, 100, {.format = "%d%%"});
    imlit::number_input("Int input", 3, {.min = 0, .max = 10});
    imlit::text_input("Area", "", {.placeholder = "type here", .multiline = true});
    imlit::text_input("Hinted", "", {.placeholder = "a hint"});
    imlit::date_input("Date", {2024, 3, 5});
    imlit::checkbox("Disabled", true, {.disabled = true});
    imlit::slider("Bad slider", 5, 10, 0); // error in place

    imlit::header("Containers");
    {
        auto cols = imlit::columns({2.0f, 1.0f});
        if (auto c = cols[0]) {
            imlit::text("left column");
            imlit::checkbox("In column");
        }
        if (auto c = cols[1]) imlit::metric("Right", "1");
    }
    {
        auto t = imlit::tabs({"First", "Second"});
        if (auto a = t[0]) imlit::text("first tab");
        if (auto b = t[1]) imlit::text("second tab");
    }
    if (auto e = imlit::expander("Closed expander")) imlit::text("hidden");
    if (auto e = imlit::expander("Open expander", {.expanded = true})) {
        imlit::text("inside the expander");
        if (auto c = imlit::container({.key = "inner", .border = true})) {
            imlit::text("bordered container");
            imlit::slider("Nested", 1, 0, 5);
        }
    }
    if (auto c = imlit::container()) imlit::caption("plain container");
    if (end_marker) imlit::text("END MARKER: the last command of the frame");
}

// Tall enough that the whole page is on screen: Dear ImGui culls off-screen text, and the
// comparison must see every element's vertices.
const imlit::testing::AppTestOptions kTall{.width = 1280, .height = 4000};

struct Recorded {
    std::unique_ptr<detail::Recording> rec;
};

// Record `everything` once in a recorder session (which draws while recording).
std::unique_ptr<AppTest> make_recorder(Recorded& out, const Data& d) {
    auto at = std::make_unique<AppTest>(
        [&out, &d] {
            if (out.rec) {
                everything(d);
                return;
            }
            detail::Context* ctx = detail::Context::current();
            REQUIRE(ctx != nullptr);
            out.rec = std::make_unique<detail::Recording>(ctx->site());
            detail::RecordScope scope(*out.rec, {.name = "fidelity", .allow_widgets = true});
            everything(d);
        },
        kTall);
    return at;
}

} // namespace

TEST_CASE("Replay draws exactly what direct calls draw", "[replay][ui]") {
    FakeGpu gpu;
    const Data d;
    Recorded recorded;
    auto recorder = make_recorder(recorded, d);
    recorder->run();
    REQUIRE(recorded.rec);
    REQUIRE(recorded.rec->size() > 50);
    INFO("recorded commands: " << recorded.rec->size());

    AppTest direct([&] { everything(d); }, kTall);
    AppTest replayed([&] { detail::replay(*recorded.rec, recorded.rec->size()); }, kTall);

    direct.run();
    const Snapshot first_direct = snapshot(direct.draw_data());
    // Recording does not change what is drawn.
    CHECK(difference(snapshot(recorder->draw_data()), first_direct) == "");

    replayed.run();
    CHECK(difference(snapshot(replayed.draw_data()), first_direct) == "");
    CHECK(replayed.dump() == direct.dump());

    // Later frames (tables and columns settle their widths on frame 2) stay equal.
    for (int frame = 2; frame <= 4; ++frame) {
        INFO("frame " << frame);
        direct.run();
        replayed.run();
        const Snapshot a = snapshot(direct.draw_data());
        CHECK(a.total_vtx > 1000);
        CHECK(difference(snapshot(replayed.draw_data()), a) == "");
    }

    // Widgets replay live: the same user change in both sessions keeps them equal.
    direct.slider("Int slider").set(9);
    replayed.slider("Int slider").set(9);
    direct.selectbox("Select").select("gamma");
    replayed.selectbox("Select").select("gamma");
    direct.run();
    replayed.run();
    direct.run();
    replayed.run();
    CHECK(replayed.slider("Int slider").value<int>() == 9);
    CHECK(difference(snapshot(replayed.draw_data()), snapshot(direct.draw_data())) == "");

    // Sanity: the comparison can fail. Replaying all but the last command (the end marker)
    // must differ from the full frame.
    AppTest truncated([&] { detail::replay(*recorded.rec, recorded.rec->size() - 1); }, kTall);
    AppTest full([&] { detail::replay(*recorded.rec, recorded.rec->size()); }, kTall);
    for (int i = 0; i < 2; ++i) {
        truncated.run();
        full.run();
    }
    CHECK(difference(snapshot(truncated.draw_data()), snapshot(full.draw_data())) != "");
    AppTest no_marker([&] { everything(d, false); }, kTall);
    for (int i = 0; i < 2; ++i)
        no_marker.run();
    CHECK(difference(snapshot(truncated.draw_data()), snapshot(no_marker.draw_data())) == "");
    // Everything was on screen: the end marker is the last thing drawn on the page.
    REQUIRE(!full.elements().empty());
    CHECK(full.elements().back().text.rfind("END MARKER", 0) == 0);
}

TEST_CASE("The draw-data comparison sees a one-glyph change", "[replay][ui]") {
    AppTest a([] {
        imlit::header("Same");
        imlit::text("Hello world");
    });
    AppTest b([] {
        imlit::header("Same");
        imlit::text("Hello worle"); // same length: same vertex count, different glyph
    });
    AppTest c([] {
        imlit::header("Same");
        imlit::text("Hello world");
    });
    a.run();
    b.run();
    c.run();
    const Snapshot sa = snapshot(a.draw_data());
    const Snapshot sb = snapshot(b.draw_data());
    CHECK(sa.total_vtx == sb.total_vtx);
    CHECK(difference(sa, sb) != "");
    CHECK(difference(sa, snapshot(c.draw_data())) == "");
}

// [SECTION] A long page, scrolled: replay skips what is out of view -----------------------------

namespace {

// Several screens of every layout-only element with widgets and containers between them; the
// page scrolls to `*scroll` (a custom() command, so the replay scrolls too).
void long_page(const Data& d, const float* scroll) {
    for (int i = 0; i < 40; ++i) {
        const std::string n = std::to_string(i);
        imlit::header("Section " + n);
        imlit::subheader("Sub " + n);
        imlit::text("line " + n);
        imlit::text("a text long enough to wrap onto a second line in a 1280 px window, " +
                    std::string(150, 'w') + " end of text " + n);
        imlit::caption("caption " + n);
        imlit::markdown("Some **bold** " + n + " and `code`\n\n- one\n- two\n\n---\n");
        imlit::code("int x = " + n + ";\nreturn x;", "cpp");
        imlit::info("info " + n);
        imlit::exception(std::runtime_error("boom " + n));
        imlit::metric("Metric " + n, n, i % 2 ? "+1" : "-1");
        if (i % 10 == 3) imlit::text(std::string(3000, 'L') + " long text " + n);
        if (i % 5 == 0) {
            imlit::checkbox("Check " + n);
            imlit::separator();
            imlit::progress(0.5f);
        }
        if (i % 8 == 1) {
            auto cols = imlit::columns(2);
            if (auto c = cols[0]) {
                imlit::text("left " + n);
                imlit::text("left again " + n);
            }
            if (auto c = cols[1]) imlit::success("right " + n);
        }
        if (i % 8 == 5) {
            if (auto e = imlit::expander("Expander " + n, {.expanded = true})) {
                imlit::text("inside " + n);
                imlit::caption("inside caption " + n);
            }
        }
        if (i == 20) imlit::line_chart(d.series, {.height = 100});
    }
    imlit::custom([scroll] { ImGui::SetScrollY(*scroll); });
    imlit::text("END MARKER");
}

} // namespace

TEST_CASE("Replay of a long page scrolled partway draws exactly what direct calls draw",
          "[replay][ui]") {
    const Data d;
    float scroll = 0;
    std::unique_ptr<detail::Recording> rec;
    AppTest recorder([&] {
        rec = std::make_unique<detail::Recording>(detail::Context::current()->site());
        detail::RecordScope scope(*rec, {.name = "long page", .allow_widgets = true});
        long_page(d, &scroll);
    });
    recorder.run();
    REQUIRE(rec->size() > 400);

    AppTest direct([&] { long_page(d, &scroll); });
    AppTest replayed([&] { detail::replay(*rec, rec->size()); });
    const detail::ReplayClipStats before = detail::replay_clip_stats();
    // Top, middle, a place where a skipped run ends mid-element, the bottom, and back up.
    for (float target : {0.0f, 7000.0f, 7013.0f, 1e9f, 2500.0f}) {
        scroll = target;
        for (int frame = 0; frame < 3; ++frame) {
            INFO("scroll " << target << ", frame " << frame);
            direct.run();
            replayed.run();
            CHECK(difference(snapshot(replayed.draw_data()), snapshot(direct.draw_data())) == "");
            CHECK(replayed.dump() == direct.dump());
        }
    }
    const detail::ReplayClipStats after = detail::replay_clip_stats();
    // The comparison covered the fast paths: commands were skipped, and text drawn unmeasured.
    CHECK(after.skipped - before.skipped > 1000);
    CHECK(after.known_text - before.known_text > 20);
    // Widgets below skipped commands are live.
    direct.checkbox("Check 35").set(true);
    replayed.checkbox("Check 35").set(true);
    direct.run();
    replayed.run();
    CHECK(replayed.checkbox("Check 35").value<bool>());
    CHECK(difference(snapshot(replayed.draw_data()), snapshot(direct.draw_data())) == "");
}
