using PeoplesStories.Archive.Countries;

namespace PeoplesStories.UnitTests.Countries;

public class CountryMatchingTests
{
    private static readonly CountryGazetteer Gazetteer = CountryGazetteer.Default;

    private static string Codes(string text) => string.Join(",", Gazetteer.FindMentions(text).Select(m => m.Code));

    [Theory]
    [InlineData("Fighting in South Sudan spilled over into Sudan.", "SS,SD")]
    [InlineData("South Sudanese and Sudanese refugees", "SS,SD")]
    [InlineData("Nigeria and Niger closed the border.", "NG,NE")]
    [InlineData("Nigerian and Nigerien troops", "NG,NE")]
    [InlineData("Papua New Guinea, Equatorial Guinea, Guinea-Bissau and Guinea", "PG,GQ,GW,GN")]
    [InlineData("Guinea Bissau and Guinea\u2013Bissau", "GW,GW")]
    [InlineData("elections in Guinea. Bissau is the capital", "GN")]
    [InlineData("Dominica and the Dominican Republic", "DM,DO")]
    [InlineData("The Dominican government", "DO")]
    [InlineData("Democratic Republic of the Congo, Republic of the Congo, Democratic Republic of Congo", "CD,CG,CD")]
    [InlineData("fighting in eastern Congo; Congolese refugees; DR Congo; Congo-Brazzaville", "CD,CD,CD,CG")]
    [InlineData("Northern Ireland and Ireland", "GB,IE")]
    [InlineData("Northern Irish and Irish voters", "GB,IE")]
    [InlineData("A Romanian woman met Omani officials in Oman.", "RO,OM,OM")]
    [InlineData("Women in Romania", "RO")]
    [InlineData("South Africa and Southern Africa", "ZA")]
    [InlineData("the Central African Republic, Central Africa", "CF")]
    [InlineData("North Korea, South Korea, Democratic People\u2019s Republic of Korea, Republic of Korea", "KP,KR,KP,KR")]
    [InlineData("the People's Republic of China and the Republic of China", "CN,TW")]
    [InlineData("Greek Cypriot and Greek officials", "CY,GR")]
    [InlineData("the British Indian Ocean Territory in the Indian Ocean; Indian nationals", "IO,IN")]
    [InlineData("American Samoa and Samoa", "AS,WS")]
    [InlineData("the Niger Delta", "NG")]
    public void Longest_match_wins_over_the_names_it_contains(string text, string expected) =>
        Assert.Equal(expected, Codes(text));

    [Theory]
    [InlineData("migrants from Latin America and South America")]
    [InlineData("Latin American and Central American activists")]
    [InlineData("across Europe, Africa, Asia, the Middle East, Southeast Asia, South-East Asia and the ASEAN region")]
    [InlineData("revenue amounting to billions of US dollars each year")]
    [InlineData("the UK, the UAE, the DRC, the DPRK, the USA and the US")]
    [InlineData("fine china, roast turkey, a guinea pig and a chad")]
    [InlineData("an American company; Americans abroad; the Americas")]
    [InlineData("New Jersey and New Mexico and New South Wales")]
    [InlineData("Jersey City, Atlanta, Georgia and the University of Georgia")]
    [InlineData("a Guinea pig, the Guinea worm, the Gulf of Guinea and New Guinea")]
    [InlineData("the South China Sea, Lake Chad, the Congo river and the Korean Peninsula")]
    [InlineData("Turkish delight and French fries")]
    [InlineData("said UN High Commissioner for Human Rights Volker T\u00fcrk.")]
    [InlineData("a man on an island at Christmas near Norfolk")]
    [InlineData("the Republic, the Kingdom and the State")]
    public void Regions_abbreviations_common_words_and_blockers_tag_nothing(string text) =>
        Assert.Empty(Gazetteer.FindMentions(text));

    [Theory]
    [InlineData("see http://www.hrw.org/news/2025/09/26/us-trump-targets-opponents")]
    [InlineData("http://www.amnesty.org/en/latest/news/2025/06/cambodia-government-allows-slavery")]
    [InlineData("https://example.org/Cambodia-Report and www.Thailand.example and (https://x.org/Kenya)")]
    [InlineData("HTTP://EXAMPLE.ORG/Nepal www.example.org/Nepal")]
    public void Urls_contribute_nothing(string text) =>
        Assert.Empty(Gazetteer.FindMentions(text));

    [Fact]
    public void A_url_between_words_breaks_a_phrase_but_the_words_around_it_count()
    {
        // "South Sudan" split by a URL is no longer South Sudan; "Sudan" alone still counts.
        Assert.Equal("SD,NG", Codes("South http://x.org/y Sudan Nigeria https://Kenya.example"));
        Assert.Equal("SS", Codes("South Sudan http://x.org/y"));
        Assert.Equal("KH,TH", Codes("Cambodia http://example.org/Laos Thailand"));
    }

    [Theory]
    [InlineData("Per\u00fa", "PE")]
    [InlineData("Peru\u0301 (decomposed)", "PE")]
    [InlineData("C\u00f4te d\u2019Ivoire", "CI")]
    [InlineData("C\u00f4te d'Ivoire", "CI")]
    [InlineData("Cote d'Ivoire and Ivory Coast and Ivorian", "CI,CI,CI")]
    [InlineData("T\u00fcrkiye, Turkey and Turkish", "TR,TR,TR")]
    [InlineData("Cura\u00e7ao", "CW")]
    [InlineData("S\u00e3o Tom\u00e9 and Pr\u00edncipe", "ST")]
    [InlineData("Sao Tome and Principe", "ST")]
    [InlineData("R\u00e9union", "RE")]
    [InlineData("\u00c5land Islands", "AX")]
    public void Accents_and_curly_apostrophes_are_folded(string text, string expected) =>
        Assert.Equal(expected, Codes(text));

    [Theory]
    [InlineData("Viet Nam, Vietnam and Vietnamese victims", "VN,VN,VN")]
    [InlineData("Lao PDR, Laos, Lao People\u2019s Democratic Republic and Laotian workers", "LA,LA,LA,LA")]
    [InlineData("Burma, Myanmar and Burmese nationals", "MM,MM,MM")]
    [InlineData("the Russian Federation, Russia and the Russian army", "RU,RU,RU")]
    [InlineData("Taiwan and Taiwanese families", "TW,TW")]
    [InlineData("mainland China, Hong Kong and Taiwan", "CN,HK,TW")]
    [InlineData("Cambodia\u2019s authorities and Cambodians", "KH,KH")]
    [InlineData("Filipinos in the Philippines", "PH,PH")]
    [InlineData("Czechia or the Czech Republic", "CZ,CZ")]
    [InlineData("Swaziland is now Eswatini", "SZ,SZ")]
    [InlineData("Macedonia became North Macedonia", "MK,MK")]
    [InlineData("East Timor, Timor-Leste", "TL,TL")]
    [InlineData("the United States of America and the United States", "US,US")]
    [InlineData("Great Britain, the United Kingdom and British police", "GB,GB,GB")]
    [InlineData("Jersey and the Isle of Man", "JE,IM")]
    [InlineData("Georgia and Georgian", "GE,GE")]
    [InlineData("Gaza and the West Bank", "PS,PS")]
    [InlineData("Kosovo", "XK")]
    [InlineData("Nepali and Nepalese workers", "NP,NP")]
    public void Alternative_names_and_demonyms_count(string text, string expected) =>
        Assert.Equal(expected, Codes(text));

    [Theory]
    [InlineData("CAMBODIA", "")]
    [InlineData("cambodia", "")]
    [InlineData("hong Kong", "")]
    [InlineData("Hong Kong", "HK")]
    [InlineData("Democratic Republic Of The Congo", "CD")]
    public void Matching_is_case_sensitive_except_for_lower_case_link_words(string text, string expected) =>
        Assert.Equal(expected, Codes(text));

    [Fact]
    public void Mentions_point_at_the_original_text_even_when_folding_changes_its_length()
    {
        // "Pe" + U+0301 + "ru" folds to "Peru" (one char shorter); the indices must still be those of the input.
        var text = "In Pe\u0301ru\u0301, C\u00f4te d\u2019Ivoire and T\u00fcrkiye \u2014 and Cambodia\u2019s.";

        var mentions = Gazetteer.FindMentions(text);

        Assert.Equal(["PE", "CI", "TR", "KH"], mentions.Select(m => m.Code));
        Assert.Equal(["Pe\u0301ru\u0301", "C\u00f4te d\u2019Ivoire", "T\u00fcrkiye", "Cambodia"], mentions.Select(m => m.Phrase));
        foreach (var mention in mentions)
        {
            Assert.Equal(mention.Phrase, text.Substring(mention.Index, mention.Length));
        }

        Assert.Equal(3, mentions[0].Index);
        Assert.Equal(text.IndexOf("Cambodia", StringComparison.Ordinal), mentions[3].Index);
    }

    [Theory]
    [InlineData("Saint Martin (French part) and Saint Martin", "MF:Saint Martin (French part)|MF:Saint Martin")]
    [InlineData("the Holy See (Vatican City State).", "VA:Holy See (Vatican City State)")]
    [InlineData("Korea, Democratic People's Republic of", "KP:Korea, Democratic People's Republic of")]
    [InlineData("US Virgin Islands, U.S. Virgin Islands", "VI:US Virgin Islands|VI:U.S. Virgin Islands")]
    [InlineData("Guinea-Bissau\u2019s and Cambodians\u2019 rights", "GW:Guinea-Bissau|KH:Cambodians")]
    public void The_phrase_is_the_name_as_written(string text, string expected) =>
        Assert.Equal(
            expected,
            string.Join("|", Gazetteer.FindMentions(text).Select(m => $"{m.Code}:{m.Phrase}")));

    [Fact]
    public void Mentions_come_in_text_order()
    {
        var mentions = Gazetteer.FindMentions("Kenya, Uganda and Kenya again; then Laos.");

        Assert.Equal(["KE", "UG", "KE", "LA"], mentions.Select(m => m.Code));
        Assert.Equal([0, 7, 18, 36], mentions.Select(m => m.Index));
    }

    [Fact]
    public void Empty_text_has_no_mentions() =>
        Assert.Empty(Gazetteer.FindMentions(string.Empty));
}
