using Microsoft.AspNetCore.Mvc;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor.Stories;

namespace PeoplesStories.Web.Pages.Editor.Stories;

/// <summary>
/// Editing a story: the story form, saved as a new revision when the story is still at the version
/// the editor opened; otherwise the conflict is shown (the stored text beside the editor's) and the
/// editor's text stays in the form to merge and save again. Publish, unpublish and archive are
/// forms of their own.
/// </summary>
public sealed class EditModel(StoryDesk desk, CountryGazetteer gazetteer) : StoryFormModel(desk, gazetteer)
{
    public StoryEditing Story { get; private set; } = null!;

    /// <summary>When the save was refused: the text stored now (theirs) and the editor's as submitted (yours).</summary>
    public (StorySnapshot Theirs, StorySnapshot Yours)? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = StoryInput.From(Story.Text, Story.Version);
        await PrepareAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? act, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return await HandleAsync(act, async snapshot =>
        {
            switch (await Desk.SaveAsync(id, Input.Version, snapshot, Actor, Input.Summary, cancellationToken))
            {
                case SaveOutcome.Saved saved:
                    Message = $"Saved as revision {saved.Revision}.";
                    return Redirect($"/editor/stories/{id}");
                case SaveOutcome.Conflict conflict:
                    // The form keeps the editor's text, now against the stored version: saving it again saves the merge.
                    Story = conflict.Theirs;
                    Conflict = (conflict.Theirs.Text, snapshot);
                    Input.Version = conflict.Theirs.Version;
                    await PrepareAsync(cancellationToken);
                    return Page();
                default:
                    return NotFound();
            }
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, Desk.PublishAsync, "The story is published: readers see it now.", cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, Desk.UnpublishAsync, "The story is back to a draft: readers no longer see it.", cancellationToken);

    public Task<IActionResult> OnPostArchiveAsync(int id, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, Desk.ArchiveAsync, "The story is archived: readers no longer see it.", cancellationToken);

    /// <summary>
    /// A story that came through Submit a Story is published or rejected from its review page while
    /// it is pending, and stays off the site once rejected there.
    /// </summary>
    public bool ReviewedElsewhere => Story.SubmissionId is not null && Story.State is StoryState.Pending or StoryState.Rejected;

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var story = await Desk.LoadAsync(id, cancellationToken);
        if (story is null)
        {
            return false;
        }

        Story = story;
        return true;
    }

    private async Task<IActionResult> ChangeStateAsync(int id, Func<int, string, CancellationToken, Task<bool>> change, string done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Message = ReviewedElsewhere ? "Nothing changed: this story is decided on its submission’s review page."
            : await change(id, Actor, cancellationToken) ? done
            : "Nothing changed: the story is already in that state.";
        return Redirect($"/editor/stories/{id}");
    }
}
