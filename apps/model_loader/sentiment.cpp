// model_loader — the sentiment model and its generated corpus (see sentiment.hpp).
//
// Index
//   [SECTION] Words
//   [SECTION] Features
//   [SECTION] Corpus
//   [SECTION] Model
#include "sentiment.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace model_loader {

namespace {

// [SECTION] Words -----------------------------------------------------------------------------

constexpr std::array<std::string_view, 20> kPositive = {
    "good",      "great",     "excellent", "wonderful", "amazing",   "brilliant", "delightful",
    "superb",    "fantastic", "charming",  "moving",    "beautiful", "funny",     "clever",
    "enjoyable", "gripping",  "touching",  "fresh",     "solid",     "memorable"};
constexpr std::array<std::string_view, 20> kNegative = {
    "bad",      "terrible", "awful",    "boring",      "dull",     "poor",   "disappointing",
    "horrible", "weak",     "mediocre", "painful",     "annoying", "clumsy", "forgettable",
    "bland",    "tedious",  "messy",    "predictable", "lifeless", "silly"};
constexpr std::array<std::string_view, 16> kNouns = {
    "movie",  "film",      "plot",   "acting",   "story",   "soundtrack", "ending", "cast",
    "script", "direction", "pacing", "dialogue", "villain", "sequel",     "score",  "performance"};
constexpr std::array<std::string_view, 5> kLikes = {"loved", "enjoyed", "adored", "liked",
                                                    "admired"};
constexpr std::array<std::string_view, 5> kDislikes = {"hated", "disliked", "regretted", "endured",
                                                       "resented"};
constexpr std::array<std::string_view, 6> kIntensifiers = {"",      "very", "really",
                                                           "quite", "so",   "truly"};
constexpr std::array<std::string_view, 5> kOpeners = {"", "honestly", "overall", "to be fair",
                                                      "in the end"};

// The "pre-trained" lexicon: prior weights for some sentiment words, as an external lexicon
// would give (it knows only part of the corpus's vocabulary).
constexpr std::size_t kLexiconWords = 12;
constexpr float kLexiconWeight = 1.0f;

// [SECTION] Features ---------------------------------------------------------------------------
// Hashed into 2^18 weights: each word, each pair of neighbouring words, each word seen after a
// "not" in its clause, each word after a "but" (the view that counts), and each character
// trigram of each word (which helps with forms never seen).

constexpr int kFeatureBits = 18;
constexpr std::uint32_t kFeatureMask = (1u << kFeatureBits) - 1;

struct Fnv {
    std::uint64_t h = 1469598103934665603ull;
    Fnv& add(std::string_view s) {
        for (unsigned char ch : s) {
            h ^= ch;
            h *= 1099511628211ull;
        }
        return *this;
    }
    Fnv& add(char ch) { return add(std::string_view(&ch, 1)); }
    std::uint32_t index() const { return static_cast<std::uint32_t>(h ^ (h >> 32)) & kFeatureMask; }
};

// Lower-case words (letters and apostrophes); anything else separates words, and , . ; ! ?
// and "but" end a clause (which ends a "not").
template <class F>
void for_each_word(std::string_view text, F&& f) {
    std::string word;
    auto flush = [&](bool clause_end) {
        if (!word.empty()) f(std::string_view(word), false);
        word.clear();
        if (clause_end) f(std::string_view(), true);
    };
    for (char ch : text) {
        if ((ch >= 'a' && ch <= 'z') || ch == '\'') {
            word += ch;
        } else if (ch >= 'A' && ch <= 'Z') {
            word += static_cast<char>(ch - 'A' + 'a');
        } else {
            flush(ch == ',' || ch == '.' || ch == ';' || ch == '!' || ch == '?');
        }
    }
    flush(false);
}

std::uint32_t word_feature(std::string_view w) {
    return Fnv().add('w').add(w).index();
}
std::uint32_t negated_feature(std::string_view w) {
    return Fnv().add('n').add(w).index();
}

} // namespace

void featurize(std::string_view text, std::vector<std::uint32_t>& out) {
    std::string previous;
    bool negated = false, after_but = false;
    for_each_word(text, [&](std::string_view w, bool clause_end) {
        if (clause_end || w == "but") {
            negated = false;
            after_but = w == "but";
            previous.clear();
            return;
        }
        out.push_back(word_feature(w));
        if (after_but) out.push_back(Fnv().add('a').add(w).index()); // "but" decides
        if (!previous.empty()) out.push_back(Fnv().add('b').add(previous).add(' ').add(w).index());
        if (negated) out.push_back(negated_feature(w));
        if (w == "not" || w == "never" || w == "n't") negated = true;
        if (w.size() >= 3) {
            for (std::size_t i = 0; i + 3 <= w.size(); ++i)
                out.push_back(Fnv().add('c').add(w.substr(i, 3)).index());
        }
        previous.assign(w);
    });
}

// [SECTION] Corpus ------------------------------------------------------------------------------

namespace {

class Random {
public:
    explicit Random(std::uint32_t seed) : s_(seed * 2654435761u + 1) {}
    std::uint32_t next() { // xorshift32
        s_ ^= s_ << 13;
        s_ ^= s_ >> 17;
        s_ ^= s_ << 5;
        return s_;
    }
    std::size_t below(std::size_t n) { return next() % n; }
    double unit() { return static_cast<double>(next()) / 4294967296.0; }
    template <class A>
    std::string_view pick(const A& a) {
        return a[below(a.size())];
    }

private:
    std::uint32_t s_;
};

// One clause and its sentiment (+1, -1).
int clause(Random& r, std::string& out) {
    const bool positive = r.below(2) == 0;
    auto adjective = [&](bool pos) { return pos ? r.pick(kPositive) : r.pick(kNegative); };
    switch (r.below(4)) {
    case 0: { // the plot was (not) (very) good
        const bool negate = r.below(4) == 0;
        out += "the ";
        out += r.pick(kNouns);
        out += " was ";
        if (negate) out += "not ";
        if (std::string_view i = r.pick(kIntensifiers); !i.empty()) (out += i) += ' ';
        out += adjective(positive);
        return (positive != negate) ? 1 : -1;
    }
    case 1: // I loved the cast
        out += "I ";
        out += positive ? r.pick(kLikes) : r.pick(kDislikes);
        out += " the ";
        out += r.pick(kNouns);
        return positive ? 1 : -1;
    case 2: // what a brilliant film
        out += "what a ";
        out += adjective(positive);
        out += ' ';
        out += r.pick(kNouns);
        return positive ? 1 : -1;
    default: { // a truly forgettable sequel
        out += "a ";
        if (std::string_view i = r.pick(kIntensifiers); !i.empty()) (out += i) += ' ';
        out += adjective(positive);
        out += ' ';
        out += r.pick(kNouns);
        return positive ? 1 : -1;
    }
    }
}

} // namespace

Corpus make_corpus(const CorpusOptions& o) {
    Corpus c;
    Random r(o.seed);
    c.text.reserve(o.sentences);
    c.label.reserve(o.sentences);
    c.offsets.reserve(o.sentences + 1);
    c.offsets.push_back(0);
    std::string s;
    for (std::size_t i = 0; i < o.sentences; ++i) {
        s.clear();
        if (std::string_view opener = r.pick(kOpeners); !opener.empty()) (s += opener) += ", ";
        int sentiment = clause(r, s);
        switch (r.below(3)) {
        case 0: { // ... but <clause>: the second clause decides
            s += " but ";
            std::string second;
            int second_sentiment = clause(r, second);
            if (second_sentiment == sentiment) { // "but" joins opposite views
                second.clear();
                while ((second_sentiment = clause(r, second)) == sentiment)
                    second.clear();
            }
            s += second;
            sentiment = second_sentiment;
            break;
        }
        case 1: { // ... and <clause of the same view>
            std::string second;
            while (clause(r, second) != sentiment)
                second.clear();
            s += " and ";
            s += second;
            break;
        }
        default:
            break;
        }
        bool positive = sentiment > 0;
        if (r.unit() < o.label_noise) positive = !positive;
        c.text.push_back(s);
        c.label.push_back(positive ? 1 : 0);
        featurize(s, c.features);
        c.offsets.push_back(static_cast<std::uint32_t>(c.features.size()));
    }
    c.train = static_cast<std::size_t>(static_cast<double>(o.sentences) * (1 - o.held_out));
    return c;
}

// [SECTION] Model --------------------------------------------------------------------------------

namespace {
constexpr double kLearningRate = 0.08;
constexpr double kDecay = 0.15;              // learning rate / (1 + kDecay * epoch)
constexpr float kWeightDecay = 1e-5f;        // L2, on the weights an example touches
constexpr std::size_t kShuffleStride = 7919; // prime: i * stride mod n visits every sentence

double sigmoid(double x) {
    return 1 / (1 + std::exp(-x));
}
} // namespace

SentimentModel::SentimentModel(Start start) : start_(start), weights_(kFeatureMask + 1, 0.0f) {
    if (start == Start::lexicon) {
        for (std::size_t i = 0; i < kLexiconWords; ++i) {
            weights_[word_feature(kPositive[i])] += kLexiconWeight;
            weights_[negated_feature(kPositive[i])] -= 2 * kLexiconWeight;
            weights_[word_feature(kNegative[i])] -= kLexiconWeight;
            weights_[negated_feature(kNegative[i])] += 2 * kLexiconWeight;
        }
        for (std::string_view w : kLikes)
            weights_[word_feature(w)] += kLexiconWeight;
        for (std::string_view w : kDislikes)
            weights_[word_feature(w)] -= kLexiconWeight;
    }
}

double SentimentModel::margin(const std::uint32_t* f, std::size_t n) const {
    double m = bias_;
    for (std::size_t i = 0; i < n; ++i)
        m += weights_[f[i]];
    return m;
}

double SentimentModel::train_epoch(const Corpus& c, int epoch) {
    const double rate = kLearningRate / (1 + kDecay * epoch);
    const std::size_t n = c.train;
    if (n == 0) return 0;
    std::size_t stride = kShuffleStride;
    while (std::gcd(stride, n) != 1)
        ++stride;
    double loss = 0;
    std::size_t at = static_cast<std::size_t>(epoch) * 104729 % n;
    for (std::size_t k = 0; k < n; ++k) {
        at = (at + stride) % n;
        const std::uint32_t* f = c.features.data() + c.offsets[at];
        const std::size_t count = c.offsets[at + 1] - c.offsets[at];
        const double p = sigmoid(margin(f, count));
        const double y = c.label[at];
        loss -= y > 0 ? std::log(std::max(p, 1e-12)) : std::log(std::max(1 - p, 1e-12));
        const float step = static_cast<float>(rate * (y - p));
        bias_ += step;
        for (std::size_t i = 0; i < count; ++i) {
            float& w = weights_[f[i]];
            w += step - kWeightDecay * w;
        }
    }
    ++epochs_;
    return loss / static_cast<double>(n);
}

double SentimentModel::accuracy(const Corpus& c) const {
    std::size_t right = 0;
    for (std::size_t i = c.train; i < c.size(); ++i) {
        const double m = margin(c.features.data() + c.offsets[i], c.offsets[i + 1] - c.offsets[i]);
        right += (m > 0) == (c.label[i] == 1) ? 1 : 0;
    }
    const std::size_t held = c.size() - c.train;
    return held ? static_cast<double>(right) / static_cast<double>(held) : 0;
}

double SentimentModel::score(std::string_view text) const {
    std::vector<std::uint32_t> f;
    featurize(text, f);
    return sigmoid(margin(f.data(), f.size()));
}

std::vector<std::pair<std::string, double>> SentimentModel::explain(std::string_view text) const {
    std::vector<std::pair<std::string, double>> out;
    std::vector<std::uint32_t> f;
    bool negated = false;
    for_each_word(text, [&](std::string_view w, bool clause_end) {
        if (clause_end || w == "but") {
            negated = false;
            if (clause_end) return;
        }
        double weight = weights_[word_feature(w)];
        if (negated) weight += weights_[negated_feature(w)];
        out.emplace_back(std::string(w), weight);
        if (w == "not" || w == "never" || w == "n't") negated = true;
    });
    return out;
}

} // namespace model_loader
