// Slots and notices through AppTest: placeholder (each write replaces; a loader's recording
// keeps only the last content), status (the header shows the last state, replays too), toast
// (transient, never recorded), and metric delta colours.
#include <algorithm>
#include <atomic>
#include <latch>
#include <semaphore>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "apptest_queries.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/context.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using imlit::testing::Element;
using Strings = std::vector<std::string>;

using imlit_ui_test::depth_of;

namespace {
std::vector<std::string> progress_texts(const AppTest& at) {
    std::vector<std::string> out;
    for (const Element& e : at.elements_of("progress"))
        out.push_back(e.text);
    return out;
}
} // namespace

// [SECTION] Placeholder ----------------------------------------------------------------------

TEST_CASE("placeholder: each write replaces the content, shown where the slot was made",
          "[slots]") {
    AppTest at([] {
        imlit::text("above");
        auto slot = imlit::placeholder();
        slot.text("first");
        slot.progress(0.25f);
        slot.write([] {
            imlit::text("last");
            imlit::caption("two elements in one write");
        });
        imlit::text("below");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"above", "last", "two elements in one write", "below"});
    CHECK(at.elements_of("progress").empty());
    CHECK(depth_of(at, "text", "last") == 0);
}

TEST_CASE("placeholder: clear() empties it; an unwritten one shows nothing", "[slots]") {
    AppTest at([] {
        auto a = imlit::placeholder();
        a.success("gone");
        a.clear();
        auto b = imlit::placeholder();
        imlit::text("only this");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"only this"});
}

TEST_CASE("placeholder: containers in the content; widgets are an error in place", "[slots]") {
    AppTest at([] {
        auto slot = imlit::placeholder();
        slot.write([] {
            if (auto e = imlit::expander("Details", {.expanded = true})) imlit::text("inside");
            imlit::checkbox("Not here");
        });
        imlit::text("below");
    });
    at.run();
    INFO(at.dump());
    CHECK(depth_of(at, "text", "inside") == 1);
    CHECK(at.widgets("checkbox").empty());
    REQUIRE(at.elements_of("error").size() == 1);
    CHECK_THAT(at.elements_of("error")[0].text,
               Contains("checkbox 'Not here'") && Contains("placeholder"));
    CHECK(depth_of(at, "text", "below") == 0);
}

TEST_CASE("placeholder: a write after output below it is an error in place", "[slots]") {
    AppTest at([] {
        auto slot = imlit::placeholder();
        slot.text("in time");
        imlit::text("below");
        slot.text("too late");
    });
    REQUIRE_NOTHROW(at.run());
    INFO(at.dump());
    const Strings texts = at.texts();
    CHECK(texts.front() == "in time");
    CHECK(std::find(texts.begin(), texts.end(), "too late") == texts.end());
    REQUIRE(at.elements_of("error").size() == 1);
    CHECK_THAT(at.elements_of("error")[0].text, Contains("written after output below it"));
}

TEST_CASE("placeholder: a loader's 100 progress updates record and replay as one bar",
          "[slots][cache]") {
    std::atomic<int> runs{0};
    auto load = imlit::cache_data(
        [&] {
            ++runs;
            imlit::header("Training");
            auto bar = imlit::placeholder();
            for (int i = 1; i <= 100; ++i)
                bar.progress(static_cast<float>(i) / 100, fmt::format("step {}/100", i));
            imlit::success("Trained");
            return 7;
        },
        {.blocking = true});
    AppTest at([&] { (void)load(); });
    at.run(); // the first run: drawn as it ran
    INFO(at.dump());
    CHECK(progress_texts(at) == Strings{"step 100/100"});
    at.run(); // a replay
    at.run();
    CHECK(runs == 1);
    CHECK(progress_texts(at) == Strings{"step 100/100"});
    CHECK(at.texts() == Strings{"Training", "Trained"});
}

TEST_CASE("placeholder: while a loader runs on a worker the page shows its latest write",
          "[slots][cache]") {
    // Two stops in the loader: it says it reached one (latch), the test lets it go on
    // (semaphore). The guard lets a loader still waiting go if a check fails.
    std::latch at_half{1}, at_end{1};
    std::binary_semaphore go_on{0}, finish{0};
    struct Release {
        std::binary_semaphore &a, &b;
        ~Release() {
            a.release();
            b.release();
        }
    } release{go_on, finish};
    auto load = imlit::cache_data([&] {
        auto bar = imlit::placeholder();
        bar.progress(0.1f);
        bar.progress(0.5f);
        at_half.count_down();
        go_on.acquire();
        for (int i = 51; i <= 100; ++i)
            bar.progress(static_cast<float>(i) / 100);
        bar.success("done");
        at_end.count_down();
        finish.acquire();
        return 1;
    });
    AppTest at([&] { (void)load(); });
    at.run();
    at_half.wait();
    at.run();
    INFO(at.dump());
    CHECK(progress_texts(at) == Strings{"50%"});
    go_on.release();
    at_end.wait();
    at.run();
    CHECK(progress_texts(at).empty());
    const Strings texts = at.texts();
    CHECK(std::count(texts.begin(), texts.end(), "done") == 1);
    finish.release();
    at.run_until_idle();
    CHECK(progress_texts(at).empty());
    CHECK(at.texts() == Strings{"done"});
}

TEST_CASE("placeholder: the recording holds one slot command and only the last content",
          "[slots][seam]") {
    using namespace imlit::detail;
    Recording rec(Site{});
    AppTest at([&] {
        RecordScope scope(rec, {.name = "slot"});
        auto bar = imlit::placeholder();
        for (int i = 0; i < 1000; ++i)
            bar.progress(static_cast<float>(i) / 1000);
    });
    at.run();
    REQUIRE(rec.size() == 1);
    const auto* cmd = std::get_if<SlotCmd>(&rec.impl().at(0));
    REQUIRE(cmd != nullptr);
    const auto content = cmd->slot->get();
    REQUIRE(content);
    REQUIRE(content->size() == 1);
    CHECK(std::get<ProgressCmd>(content->impl().at(0)).fraction == Approx(0.999f));
}

// [SECTION] Status ---------------------------------------------------------------------------

TEST_CASE("status: the header shows the state the body left, in the same frame", "[slots]") {
    AppTest at([] {
        auto s = imlit::status("Downloading data...", {.expanded = true});
        imlit::text("Searching for data...");
        s.update({.label = "Download complete!", .state = imlit::StatusState::complete});
    });
    at.run();
    INFO(at.dump());
    const auto boxes = at.elements_of("status");
    REQUIRE(boxes.size() == 1);
    CHECK(boxes[0].text == "Download complete!");
    CHECK(boxes[0].state == "complete");
    CHECK(depth_of(at, "text", "Searching for data...") == 1);
}

TEST_CASE("status: collapsed by default, the body still runs; expanded follows update()",
          "[slots]") {
    bool ran = false, collapse = false;
    AppTest at([&] {
        ran = false;
        imlit::status("Working", {.expanded = true}, [&](imlit::Status& s) {
            ran = true;
            imlit::text("step 1");
            if (collapse) s.update({.expanded = false});
        });
        imlit::status("Closed", [&] { imlit::text("hidden step"); });
    });
    at.run();
    INFO(at.dump());
    CHECK(ran);
    CHECK(at.texts() == Strings{"step 1"});
    collapse = true;
    at.run(); // the update lands after the body was drawn open ...
    at.run(); // ... and closes it from the next frame on
    CHECK(ran);
    CHECK(at.texts().empty());
}

TEST_CASE("status: a loader's update() is replayed in its last state (not the first)",
          "[slots][cache]") {
    std::atomic<int> runs{0};
    auto load = imlit::cache_data([&] {
        ++runs;
        {
            auto s = imlit::status("Loading model...");
            imlit::text("Reading weights");
            s.update({.label = "Model loaded", .state = imlit::StatusState::complete});
        }
        auto e = imlit::status("Checking");
        e.update({.label = "Check failed", .state = imlit::StatusState::error});
        return 1;
    });
    AppTest at([&] { (void)load(); });
    at.run_until_idle();
    at.run();
    at.run();
    INFO(at.dump());
    CHECK(runs == 1);
    const auto boxes = at.elements_of("status");
    REQUIRE(boxes.size() == 2);
    CHECK(boxes[0].text == "Model loaded");
    CHECK(boxes[0].state == "complete");
    CHECK(boxes[1].text == "Check failed");
    CHECK(boxes[1].state == "error");
}

// [SECTION] Toast ----------------------------------------------------------------------------

TEST_CASE("toast: shown until its time passes, once per text", "[slots]") {
    bool fire = false;
    AppTest at([&] {
        imlit::text("page");
        if (fire) {
            imlit::toast("Saved!", {.seconds = 3});
            imlit::toast("Saved!"); // already showing: not twice
        }
    });
    at.run();
    CHECK(at.elements_of("toast").empty());
    fire = true;
    at.run();
    fire = false;
    REQUIRE(at.elements_of("toast").size() == 1);
    CHECK(at.elements_of("toast")[0].text == "Saved!");
    at.advance_clock(std::chrono::seconds(2));
    at.run();
    CHECK(at.elements_of("toast").size() == 1);
    at.advance_clock(std::chrono::seconds(2));
    at.run();
    CHECK(at.elements_of("toast").empty());
    CHECK(at.texts() == Strings{"page"});
}

TEST_CASE("toast: a loader's toast is never recorded", "[slots][cache]") {
    std::atomic<int> runs{0};
    auto load = imlit::cache_data(
        [&] {
            ++runs;
            imlit::toast("Model loaded");
            imlit::text("loader output");
            return 1;
        },
        {.blocking = true});
    AppTest at([&] { (void)load(); });
    at.run();
    CHECK(at.elements_of("toast").size() == 1);
    at.advance_clock(std::chrono::seconds(10));
    at.run();
    at.run();
    CHECK(runs == 1);
    CHECK(at.texts() == Strings{"loader output"}); // replayed
    CHECK(at.elements_of("toast").empty());        // not replayed
    AppTest other([&] { (void)load(); });          // another session: a replay from the start
    other.run();
    CHECK(runs == 1);
    CHECK(other.texts() == Strings{"loader output"});
    CHECK(other.elements_of("toast").empty());
}

TEST_CASE("toast: a bad duration is an error in place", "[slots]") {
    AppTest at([] { imlit::toast("x", {.seconds = -1}); });
    at.run();
    CHECK(at.elements_of("error").size() == 1);
    CHECK(at.elements_of("toast").empty());
}

TEST_CASE("toast: 1e300 seconds shows (for a year), not expiring at once", "[slots]") {
    bool once = true;
    AppTest at([&] {
        if (once) imlit::toast("forever", {.seconds = 1e300});
        once = false;
    });
    at.run();
    at.advance_clock(std::chrono::hours(24 * 300));
    at.run();
    CHECK(at.elements_of("toast").size() == 1);
    at.advance_clock(std::chrono::hours(24 * 66));
    at.run();
    CHECK(at.elements_of("toast").empty());
}

// [SECTION] Metric delta colours -------------------------------------------------------------

namespace {
// Vertices of the last frame coloured exactly `col`.
int vertices_of_color(const AppTest& at, ImU32 col) {
    int n = 0;
    const ImDrawData* d = at.draw_data();
    for (int i = 0; i < d->CmdListsCount; ++i)
        for (const ImDrawVert& v : d->CmdLists[i]->VtxBuffer)
            n += v.col == col ? 1 : 0;
    return n;
}
} // namespace

TEST_CASE("metric: delta_color normal, inverse and off", "[elements][slots]") {
    constexpr ImU32 green = IM_COL32(46, 170, 80, 255), red = IM_COL32(224, 72, 72, 255);
    imlit::DeltaColor mode = imlit::DeltaColor::normal;
    std::string delta = "+5%";
    AppTest at([&] { imlit::metric("Revenue", "1.2k", delta, {.delta_color = mode}); });
    auto run = [&](imlit::DeltaColor m, std::string d) {
        mode = m;
        delta = std::move(d);
        at.run();
        return std::pair{vertices_of_color(at, green) > 0, vertices_of_color(at, red) > 0};
    };
    using imlit::DeltaColor;
    CHECK(run(DeltaColor::normal, "+5%") == std::pair{true, false});
    CHECK(run(DeltaColor::normal, "-5%") == std::pair{false, true});
    CHECK(run(DeltaColor::inverse, "+5%") == std::pair{false, true});
    CHECK(run(DeltaColor::inverse, "-5%") == std::pair{true, false});
    CHECK(run(DeltaColor::off, "+5%") == std::pair{false, false});
    CHECK(run(DeltaColor::off, "-5%") == std::pair{false, false});
    CHECK(at.texts() == Strings{"Revenue: 1.2k -5%"});
}

// [SECTION] Replay fidelity -------------------------------------------------------------------

namespace {
// Every vertex of the last frame, list after list (positions, uvs, colours as bytes).
std::string vertex_bytes(const AppTest& at) {
    std::string out;
    const ImDrawData* d = at.draw_data();
    for (int i = 0; i < d->CmdListsCount; ++i) {
        const auto& v = d->CmdLists[i]->VtxBuffer;
        out.append(reinterpret_cast<const char*>(v.Data),
                   static_cast<std::size_t>(v.Size) * sizeof(ImDrawVert));
        out += '|';
    }
    return out;
}
} // namespace

TEST_CASE("status and placeholder replay draw exactly what the direct calls drew",
          "[slots][replay]") {
    using namespace imlit::detail;
    auto body = [] {
        imlit::text("before");
        {
            auto s = imlit::status("Working", {.expanded = true});
            imlit::text("step one");
            s.update({.label = "Done", .state = imlit::StatusState::complete});
        }
        auto slot = imlit::placeholder();
        slot.progress(0.3f);
        slot.progress(0.7f, "seventy");
        imlit::text("after");
    };
    AppTest direct(body);
    direct.run();
    const std::string direct_first = vertex_bytes(direct);
    direct.run();
    Recording rec(Site{});
    AppTest recorder([&] {
        RecordScope scope(rec, {.name = "fidelity"});
        body();
    });
    recorder.run();
    AppTest replayed([&] { replay(rec, rec.size()); });
    replayed.run();
    replayed.run();
    INFO(replayed.dump());
    CHECK(replayed.elements() == direct.elements());
    CHECK(vertex_bytes(replayed) == vertex_bytes(direct));
    CHECK(vertex_bytes(recorder) == direct_first); // recording does not change drawing
}
