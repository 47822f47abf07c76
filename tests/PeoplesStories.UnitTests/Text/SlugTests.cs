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
    public void Keys_fold_whitespace_quotes_accents_and_case(string text, string key) =>
        Assert.Equal(key, TextFolding.Key(text));
}
