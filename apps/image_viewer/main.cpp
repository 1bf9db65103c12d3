// image_viewer — a thumbnail grid of every image in a folder, the selected image shown large,
// and the cache inspector: the sample app of issue 7 (a scheduler for many loads, a budget
// that never thrashes). Each thumbnail is a cached load (decoded and downsized on a worker).
//
//   ./image_viewer FOLDER                      a window
//   ./image_viewer -- FOLDER --budget-mb 100   with a 100 MB cache budget
//   ./image_viewer_gen_images /tmp/imgs        50 sample PNGs of 1600x1200 to try it on
#include <string>

#include <imlit/imlit.hpp>

#include "image_viewer.hpp"

int main(int argc, char** argv) {
    image_viewer::Arguments arguments;
    const imlit::AppOptions options{
        .title = "Image viewer",
        .width = 1880,
        .height = 1040,
        .usage = "[flags] [--] FOLDER [--budget-mb N]   (FOLDER: the images to show)",
        .flags = {{.name = "--budget-mb",
                   .value = "N",
                   .help = "the global cache budget in MB (default 1024); may also follow --",
                   .check = image_viewer::check_budget_mb}}};
    return imlit::run(argc, argv, options, [&, first = true]() mutable {
        if (first) { // run() has parsed the command line by now
            first = false;
            arguments =
                image_viewer::parse_arguments(imlit::app_args(), imlit::app_flag("--budget-mb"));
        }
        if (!arguments.error.empty()) imlit::error(arguments.error);
        image_viewer::page(arguments.options);
    });
}
