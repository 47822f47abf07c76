using Microsoft.AspNetCore.Mvc;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Editor.Stories;

namespace PeoplesStories.Web.Pages.Editor.Stories;

/// <summary>A new story: the story form, empty but for one update; saving makes a Draft with its first revision.</summary>
public sealed class NewModel(StoryDesk desk, CountryGazetteer gazetteer) : StoryFormModel(desk, gazetteer)
{
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new StoryInput { Updates = [new UpdateInput()] };
        await PrepareAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(string? act, CancellationToken cancellationToken) =>
        HandleAsync(act, async snapshot =>
        {
            var saved = await Desk.CreateAsync(snapshot, Actor, Input.Summary, cancellationToken);
            Message = "The story is saved as a draft (revision 1).";
            return Redirect($"/editor/stories/{saved.StoryId}");
        }, cancellationToken);
}
