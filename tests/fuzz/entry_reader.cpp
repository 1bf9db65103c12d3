// libFuzzer target: the Persist::disk entry reader (envelope, widget reads, recording) on
// arbitrary bytes. Any input must end in a decoded entry or a FormatError (or another
// std::exception), never a crash, a hang or a huge allocation.
//
// The first input byte picks a mode: odd, the length and checksum fields are fixed up first,
// so that the fuzzer gets past the checksum into the payload decoders; even, the bytes are
// read as they are. Corpus: tests/fuzz/entry_reader/ (valid entries written by imlit, made by
// tests/fuzz/make_entry_reader_corpus.cpp's logic in the unit tests, and a few broken ones).
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "cache/persist_format.hpp"
#include "imlit/cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace imlit::detail;
    if (size == 0) return 0;
    std::string file(reinterpret_cast<const char*>(data) + 1, size - 1);
    if ((data[0] & 1) != 0 && file.size() >= kEnvelopeSize) {
        const std::uint64_t length = file.size() - kEnvelopeSize;
        std::memcpy(file.data() + kChecksumOffset - sizeof(length), &length, sizeof(length));
        const std::uint64_t sum =
            entry_checksum(file, std::string_view(file).substr(kEnvelopeSize));
        std::memcpy(file.data() + kChecksumOffset, &sum, sizeof(sum));
    }
    try {
        DecodedEntry d = decode_entry(file);
        auto rec = load_recording(d.recording, Site{}, std::move(d.reads));
        // A fixed-size value type: cereal's own decoding of sized containers is cereal's, and
        // the checksum keeps foreign bytes from ever reaching it in imlit.
        static const auto codec = make_value_codec<std::array<std::uint64_t, 4>>();
        codec->load(d.value);
        std::string again;
        save_recording(*rec, again); // what was read can be written back
    } catch (const std::exception&) {
    }
    return 0;
}
