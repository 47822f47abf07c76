using System.Text.RegularExpressions;
using PeoplesStories.Archive.Countries;

namespace PeoplesStories.UnitTests.Countries;

public partial class CountryDataTests
{
    // The 249 officially assigned ISO 3166-1 alpha-2 codes.
    private const string IsoCodes =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
        "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
        "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
        "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
        "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    private static readonly string[] Regions = ["Africa", "Americas", "Antarctica", "Asia", "Europe", "Oceania"];

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex TwoUpperCaseLetters();

    private static List<string> CodesInDataFile()
    {
        using var reader = CountryGazetteer.OpenDefaultData();
        var codes = new List<string>();
        var header = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            if (!header)
            {
                Assert.StartsWith("code\tname\tregion\tsubregion\talternatives\tdemonyms", line, StringComparison.Ordinal);
                header = true;
                continue;
            }

            var code = line.Split('\t')[0];
            if (code != "!")
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    [Fact]
    public void The_data_file_has_every_ISO_code_exactly_once()
    {
        var codes = CodesInDataFile();
        var iso = IsoCodes.Split(' ');

        Assert.Equal(249, iso.Distinct().Count());
        Assert.True(codes.Count >= 249, $"only {codes.Count} countries");
        Assert.All(codes, c => Assert.Matches(TwoUpperCaseLetters(), c));
        Assert.Empty(codes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(iso.Except(codes));
        Assert.Equal(["XK"], codes.Except(iso));
    }

    [Fact]
    public void The_default_gazetteer_loads_every_row_sorted_by_name()
    {
        var countries = CountryGazetteer.Default.Countries;

        Assert.Equal(CodesInDataFile().Count, countries.Count);
        Assert.Equal("Afghanistan", countries[0].Name);
        Assert.Equal("\u00c5land Islands", countries[1].Name);
        Assert.Equal("Zimbabwe", countries[^1].Name);
        Assert.All(countries, c => Assert.Contains(c.Region, Regions));
        Assert.All(countries, c => Assert.False(string.IsNullOrWhiteSpace(c.SubRegion)));
    }

    [Theory]
    [InlineData("KH", "Cambodia", "Asia", "South-eastern Asia")]
    [InlineData("kh", "Cambodia", "Asia", "South-eastern Asia")]
    [InlineData("RU", "Russia", "Europe", "Eastern Europe")]
    [InlineData("VN", "Vietnam", "Asia", "South-eastern Asia")]
    [InlineData("LA", "Laos", "Asia", "South-eastern Asia")]
    [InlineData("CI", "C\u00f4te d'Ivoire", "Africa", "Western Africa")]
    [InlineData("TR", "T\u00fcrkiye", "Asia", "Western Asia")]
    [InlineData("KR", "South Korea", "Asia", "Eastern Asia")]
    [InlineData("KP", "North Korea", "Asia", "Eastern Asia")]
    [InlineData("TW", "Taiwan", "Asia", "Eastern Asia")]
    [InlineData("HK", "Hong Kong", "Asia", "Eastern Asia")]
    [InlineData("PS", "Palestine", "Asia", "Western Asia")]
    [InlineData("AQ", "Antarctica", "Antarctica", "Antarctica")]
    [InlineData("MX", "Mexico", "Americas", "Central America")]
    [InlineData("XK", "Kosovo", "Europe", "Southern Europe")]
    public void Find_returns_the_country_of_a_code(string code, string name, string region, string subRegion) =>
        Assert.Equal(new Country(code.ToUpperInvariant(), name, region, subRegion), CountryGazetteer.Default.Find(code));

    [Theory]
    [InlineData("ZZ")]
    [InlineData("")]
    [InlineData("KHM")]
    public void Find_returns_null_for_unknown_codes(string code) =>
        Assert.Null(CountryGazetteer.Default.Find(code));

    [Theory]
    [InlineData("cambodia", "KH")]
    [InlineData("Cambodia", "KH")]
    [InlineData("viet-nam", "VN")]
    [InlineData("Viet Nam", "VN")]
    [InlineData("C\u00f4te d\u2019Ivoire", "CI")]
    [InlineData("cote-d-ivoire", "CI")]
    [InlineData("cote-divoire", "CI")]
    [InlineData("ivory-coast", "CI")]
    [InlineData("south-korea", "KR")]
    [InlineData("russian-federation", "RU")]
    [InlineData("lao-pdr", "LA")]
    [InlineData("turkey", "TR")]
    [InlineData("T\u00fcrkiye", "TR")]
    [InlineData("st-lucia", "LC")]
    [InlineData("  Burma ", "MM")]
    public void FindByName_accepts_names_alternatives_and_slugs(string nameOrSlug, string code) =>
        Assert.Equal(code, CountryGazetteer.Default.FindByName(nameOrSlug)?.Code);

    [Theory]
    [InlineData("Cambodian")]
    [InlineData("KH")]
    [InlineData("Latin America")]
    [InlineData("Narnia")]
    [InlineData("")]
    public void FindByName_returns_null_for_demonyms_codes_blockers_and_unknown_names(string nameOrSlug) =>
        Assert.Null(CountryGazetteer.Default.FindByName(nameOrSlug));
}
