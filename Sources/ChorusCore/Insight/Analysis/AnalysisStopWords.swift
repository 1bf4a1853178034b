import Foundation

/// English stop words for theme discovery: function words, pronouns, auxiliaries and their contractions, number
/// words and a few fillers. Unlike the Glasgow list that scikit-learn ships, it keeps content words that matter in
/// residents' comments ("bill", "fire", "empty", "system", "call", "move", "back", "top", "side", "full"), and
/// it lists contractions because the tokeniser keeps apostrophes ("don't", "it's").
enum AnalysisStopWords {
    static let words: Set<String> = {
        var set = Set<String>()
        for word in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) { set.insert(String(word)) }
        return set
    }()

    static func contains(_ word: String) -> Bool { words.contains(word) }

    private static let list = """
        a about above across after afterwards again against ago ah all almost alone along already also although always am \
        among amongst an and another any anybody anyhow anyone anything anyway anyways anywhere are aren't around as at \
        be became because become becomes becoming been before beforehand behind being below beside besides between \
        beyond both but by can cannot can't cant could couldn't couldnt did didn't do does doesn't doing don't done dont \
        down during each eg e.g eight eighteen eighty either eleven else elsewhere enough etc even ever every everyone \
        everything everywhere except few fifteen fifty first five for former formerly forty four fourteen from further \
        get gets getting go goes going gone got gotten had hadn't has hasn't hasnt have haven't having he he'd he'll he's \
        hence her here here's hereafter hereby herein hereupon hers herself him himself his how how's however http https \
        hundred i \
        i'd i'll i'm i've ie i.e if im in inc indeed into is isn't it it'd it'll it's its itself ive just latter latterly \
        least less let let's lets ltd many may maybe me meanwhile might mightn't mine more moreover most mostly much must \
        mustn't my myself namely neither never nevertheless nine nineteen ninety no nobody none noone nor not nothing now \
        nowhere of off often oh ok okay on once one ones only onto or other others otherwise ought our ours ourselves out \
        over own per perhaps please quite rather re really same seem seemed seeming seems seven seventeen seventy several \
        shall shan't she she'd she'll she's should shouldn't since six sixteen sixty so some somebody somehow someone \
        something sometime sometimes somewhat somewhere still such ten than that that'll that's thats the their theirs \
        them themselves then thence there there's thereafter thereby therefore therein thereupon these they they'd they'll \
        they're they've thirteen thirty this those though thousand three through throughout thru thus to together too \
        toward towards twelve twenty two un under until up upon us very via was wasn't we we'd we'll we're we've were \
        weren't what what's whatever when when's whence whenever where where's whereafter whereas whereby wherein \
        whereupon wherever whether which while whither who who's whoever whole whom whose why why's will with within \
        without won't would wouldn't yeah yes yet you you'd you'll you're you've your yours yourself yourselves
        """
}
