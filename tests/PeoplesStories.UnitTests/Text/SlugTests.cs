using PeoplesStories.Archive.Text;

namespace PeoplesStories.UnitTests.Text;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Cambodian authorities are not doing enough to stop scamming compounds", "cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds")]
    [InlineData("Côte d’Ivoire: “a vote” – at last!", "cote-divoire-a-vote-at-last")]
    [InlineData("  Perú  2025 ", "peru-2025")]
    [InlineData("人权", "story")]
    public void Slugs_are_lower_case_ascii_words_joined_by_hyphens(string title, string slug) =>
        Assert.Equal(slug, Slug.From(title));

    [Fact]
    public void Long_titles_are_cut_at_a_word_boundary()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("testimony", 30)));
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.EndsWith("testimony", slug, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A  title\u00A0with\ttabs", "a title with tabs")]
    [InlineData("“Curly” ‘quotes’", "\"curly\" 'quotes'")]
    [InlineData("Perú", "peru")]
    [InlineData("  Ai Weiwei`s   TRIAL\t\r\n begins  ", "ai weiwei's trial begins")]
    [InlineData("\u000B\u000C", "")]
    [InlineData("", "")]
    public void Keys_fold_whitespace_quotes_accents_and_case(string text, string key) =>
        Assert.Equal(key, TextFolding.Key(text));

    [Fact]
    public void Ascii_text_gets_the_key_the_general_folding_gives()
    {
        // ASCII text takes a one-pass path of its own; it must give what the general steps give,
        // for short texts and for texts longer than the path's stack buffer.
        var random = new Random(20261130);
        for (var i = 0; i < 5_000; i++)
        {
            var chars = new char[random.Next(i % 10 == 0 ? 2_000 : 80)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = random.Next(5) == 0 ? " \t\n\r`\u000B"[random.Next(6)] : (char)random.Next(0, 128);
            }

            var text = new string(chars);
            Assert.Equal(TextFolding.CollapseWhitespace(TextFolding.FoldAccentsAndPunctuation(text)).ToLowerInvariant(), TextFolding.Key(text));
        }
    }
}
