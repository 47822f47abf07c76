using PeoplesStories.Web.Reading;
using PeoplesStories.Web.Search;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// The figures searches keep about the index are read once, and read again after every change of
/// content, including one that happens while a figure is being read.
/// </summary>
public sealed class SearchIndexFiguresTests : IDisposable
{
    private readonly ContentVersion version = new();
    private readonly SearchIndexFigures figures;
    private int reads;

    public SearchIndexFiguresTests() => figures = new SearchIndexFigures(version);

    public void Dispose()
    {
        figures.Dispose();
        version.Dispose();
    }

    private int Read()
    {
        reads++;
        return reads * 10;
    }

    [Fact]
    public void A_figure_is_read_once_until_the_content_changes()
    {
        Assert.Equal(10, figures.Get("span", Read));
        Assert.Equal(10, figures.Get("span", Read));
        Assert.Equal(1, reads);

        version.Changed();
        Assert.Equal(20, figures.Get("span", Read));
        Assert.Equal(20, figures.Get("span", Read));
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_figure_read_while_the_content_changes_is_read_again()
    {
        Assert.Equal(10, figures.Get("span", () =>
        {
            var figure = Read();
            version.Changed();
            return figure;
        }));

        Assert.Equal(20, figures.Get("span", Read));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Figures_are_kept_by_key_and_a_null_figure_is_kept_too()
    {
        Assert.Null(await figures.GetAsync<string[]?>("none", () => { reads++; return Task.FromResult<string[]?>(null); }));
        Assert.Null(await figures.GetAsync<string[]?>("none", () => { reads++; return Task.FromResult<string[]?>(["read again"]); }));
        Assert.Equal(1, reads);
        Assert.Equal(20, figures.Get("first", Read));
        Assert.Equal(30, figures.Get("second", Read));
        Assert.Equal(20, figures.Get("first", Read));
        Assert.Equal(3, reads);
    }

    [Fact]
    public void A_figure_read_afresh_replaces_the_one_kept()
    {
        Assert.False(figures.TryGet("span", out int _));
        Assert.Equal(10, figures.Get("span", Read));
        Assert.True(figures.TryGet("span", out int kept));
        Assert.Equal(10, kept);

        Assert.Equal(20, figures.Read("span", Read));
        Assert.Equal(20, figures.Get("span", Read));
        Assert.Equal(2, reads);
    }
}
