using PeoplesStories.Archive.Countries;

namespace PeoplesStories.UnitTests.Countries;

public class CountryLoadTests
{
    private const string Header = "code\tname\tregion\tsubregion\talternatives\tdemonyms\n";

    private static CountryGazetteer Load(string data)
    {
        using var reader = new StringReader(data);
        return CountryGazetteer.Load(reader);
    }

    [Fact]
    public void Load_reads_countries_comments_and_blockers()
    {
        var gazetteer = Load(
            "# a comment\n" + Header +
            "\n" +
            "NE\tNiger\tAfrica\tWestern Africa\tRepublic of the Niger\tNigerien\n" +
            "NG\tNigeria\tAfrica\tWestern Africa\t\tNigerian\n" +
            "!\tNiger river|River Niger\n");

        Assert.Equal(["NE", "NG"], gazetteer.Countries.Select(c => c.Code));
        Assert.Equal(
            ["NE", "NE", "NG", "NG"],
            gazetteer.FindMentions("Niger, the Niger River, Nigeriens, Nigeria and Nigerians").Select(m => m.Code));
        Assert.Null(gazetteer.Find("KH"));
    }

    [Theory]
    [InlineData("NE\tNiger\tAfrica\tWestern Africa\t\t\n", 1)]
    [InlineData("# only a comment\n", 1)]
    [InlineData("", 1)]
    [InlineData("#\n" + Header + "ne\tNiger\tAfrica\tWestern Africa\t\t\n", 3)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\t\t\nNG\tNigeria\tAfrica\tWestern Africa\n", 3)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\t\t\n# c\nNE\tNiger again\tAfrica\tWestern Africa\t\t\n", 4)]
    [InlineData(Header + "NE\tNiger\tAfrika\tWestern Africa\t\t\n", 2)]
    [InlineData(Header + "NE\t\tAfrica\tWestern Africa\t\t\n", 2)]
    [InlineData(Header + "NE\tNiger\tAfrica\t\t\t\n", 2)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\tNER\t\n", 2)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\tniger\t\n", 2)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\tA||B\t\n", 2)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\t\t\nNG\tNigeria\tAfrica\tWestern Africa\tNiger\t\n", 3)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\t\t\n\n!\tNiger\n", 4)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\t\t\n!\tNew Niger\tx\n", 3)]
    [InlineData(Header + "NE\tNiger\tAfrica\tWestern Africa\t\t\n!\t\n", 3)]
    public void Load_of_bad_data_throws_a_FormatException_naming_the_line(string data, int line)
    {
        var exception = Assert.Throws<FormatException>(() => Load(data));

        Assert.Contains($"line {line}:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_accepts_the_same_name_twice_for_one_country()
    {
        var gazetteer = Load(Header + "ST\tS\u00e3o Tom\u00e9 and Pr\u00edncipe\tAfrica\tMiddle Africa\tSao Tome and Principe\t\n");

        Assert.Equal("ST", gazetteer.FindByName("sao-tome-and-principe")?.Code);
    }
}
