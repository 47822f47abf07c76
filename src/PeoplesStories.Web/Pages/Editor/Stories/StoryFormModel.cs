using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Editor.Stories;

namespace PeoplesStories.Web.Pages.Editor.Stories;

/// <summary>A country offered on the form: ticked when confirmed, with the phrase of the text that suggested it.</summary>
public sealed record CountryChoice(string Code, string Name, bool Confirmed, bool Primary, string? Phrase, int Mentions);

/// <summary>
/// What the new-story and edit pages share: the story form and its buttons. Every button posts the
/// whole form (so nothing typed is lost and no script is needed): Save, Preview, add an update,
/// remove or move one, add a country. Only Save stores anything.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public abstract class StoryFormModel(StoryDesk desk, CountryGazetteer gazetteer) : PageModel
{
    public const string SaveAction = "save";

    [BindProperty]
    public StoryInput Input { get; set; } = new();

    public IReadOnlyList<string> Sections { get; private set; } = [];

    public IReadOnlyList<CountryChoice> CountryChoices { get; private set; } = [];

    public IReadOnlyList<Country> AllCountries => gazetteer.Countries;

    /// <summary>Each update's body rendered, by index, when Preview was pressed.</summary>
    public IReadOnlyDictionary<int, string>? Previews { get; private set; }

    [TempData]
    public string? Message { get; set; }

    protected StoryDesk Desk => desk;

    protected CountryGazetteer Gazetteer => gazetteer;

    protected string Actor => User.Identity?.Name ?? "unknown";

    /// <summary>Fills what the form shows besides the input: sections, and the countries to confirm with their matched phrases.</summary>
    protected async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Sections = await desk.SectionsAsync(cancellationToken);
        var confirmed = Input.Countries.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var suggested = gazetteer.Tag(Input.Title ?? "", Input.Texts()).ToDictionary(t => t.Code, StringComparer.Ordinal);
        var primary = Input.PrimaryCountry?.ToUpperInvariant();
        CountryChoices = [.. confirmed.Union(suggested.Keys)
            .Select(code => (Code: code, Country: gazetteer.Find(code), Tag: suggested.GetValueOrDefault(code)))
            .Where(c => c.Country is not null)
            .OrderByDescending(c => confirmed.Contains(c.Code)).ThenByDescending(c => c.Tag?.Mentions ?? 0).ThenBy(c => c.Country!.Name, StringComparer.Ordinal)
            .Select(c => new CountryChoice(c.Code, c.Country!.Name, confirmed.Contains(c.Code), c.Code == primary, c.Tag?.FirstPhrase, c.Tag?.Mentions ?? 0))];
    }

    /// <summary>
    /// Runs the form's button: every button but Save changes only the form (and clears the posted
    /// values so the page shows the form as changed); Save validates and hands the snapshot on.
    /// </summary>
    protected async Task<IActionResult> HandleAsync(string? act, Func<StorySnapshot, Task<IActionResult>> save, CancellationToken cancellationToken)
    {
        act ??= SaveAction;
        if (Input.AddCountry is { Length: > 0 } added && gazetteer.Find(added.Trim()) is { } country && !Input.Countries.Contains(country.Code, StringComparer.OrdinalIgnoreCase))
        {
            Input.Countries.Add(country.Code);
        }

        Input.AddCountry = null;
        if (act == SaveAction)
        {
            ModelState.Clear();
            var snapshot = Input.Validate(gazetteer, ModelState.AddModelError);
            if (snapshot is not null)
            {
                return await save(snapshot);
            }

            await PrepareAsync(cancellationToken);
            return Page();
        }

        ChangeForm(act);
        ModelState.Clear();
        await PrepareAsync(cancellationToken);
        return Page();
    }

    private void ChangeForm(string act)
    {
        var parts = act.Split('-', 2);
        var index = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 && n < Input.Updates.Count ? n : -1;
        switch (parts[0])
        {
            case "preview":
                Previews = Input.Updates.Select((u, i) => (i, Html: StoryMarkdown.ToSafeHtml(u.Body))).ToDictionary(p => p.i, p => p.Html);
                break;
            case "add":
                // Page order is newest first, so a new update goes on top.
                Input.Updates.Insert(0, new UpdateInput());
                break;
            case "remove" when index >= 0:
                Input.Updates.RemoveAt(index);
                break;
            case "up" when index > 0:
                (Input.Updates[index - 1], Input.Updates[index]) = (Input.Updates[index], Input.Updates[index - 1]);
                break;
            case "down" when index >= 0 && index < Input.Updates.Count - 1:
                (Input.Updates[index + 1], Input.Updates[index]) = (Input.Updates[index], Input.Updates[index + 1]);
                break;
            default:
                break;
        }
    }
}
