using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>
/// Administrators manage editors: add one (with a typed or generated password, shown once),
/// disable or enable, and choose the role. Each change is a POST with its antiforgery token, and audited.
/// </summary>
[Authorize(Policy = EditorPolicies.Admin)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class EditorsModel(EditorDirectory directory, UserManager<EditorUser> users) : PageModel
{
    public IReadOnlyList<EditorListing> Editors { get; private set; } = [];

    [BindProperty]
    public AddEditorInput Add { get; set; } = new();

    /// <summary>What the last action did, for the status line.</summary>
    public string? Message { get; private set; }

    /// <summary>Why the last action on a listed editor was refused.</summary>
    public string? Problem { get; private set; }

    /// <summary>The generated password of the editor just added: shown on this response only.</summary>
    public string? GeneratedPassword { get; private set; }

    public string? CurrentUserId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var created = await directory.CreateAsync(Add.Email, string.IsNullOrEmpty(Add.Password) ? null : Add.Password, Add.Role == EditorRoles.Admin, Actor, cancellationToken);
            if (created.Result.Succeeded)
            {
                Message = $"{created.User!.Email} was added as {Add.Role}.";
                GeneratedPassword = created.GeneratedPassword;
                Add = new AddEditorInput();
                ModelState.Clear();
            }
            else
            {
                foreach (var error in created.Result.Errors)
                {
                    var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Add.Password" : "Add.Email";
                    ModelState.AddModelError(field, error.Description);
                }
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        await ChangeAsync(id, "disabled", () => directory.SetDisabledAsync(id, disabled: true, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        await ChangeAsync(id, "enabled", () => directory.SetDisabledAsync(id, disabled: false, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, CancellationToken cancellationToken) =>
        await ChangeAsync(id, $"now {role}", () => directory.SetRoleAsync(id, role, Actor, cancellationToken), cancellationToken);

    private string Actor => User.Identity?.Name ?? "unknown";

    private async Task<IActionResult> ChangeAsync(string id, string done, Func<Task<IdentityResult>> change, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.Equals(id, users.GetUserId(User), StringComparison.Ordinal))
        {
            Problem = "You cannot disable yourself or change your own role: ask another administrator.";
        }
        else
        {
            var subject = (await users.FindByIdAsync(id ?? ""))?.Email;
            var result = await change();
            if (result.Succeeded)
            {
                Message = $"{subject} is {done}.";
            }
            else
            {
                Problem = string.Join(" ", result.Errors.Select(e => e.Description));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CurrentUserId = users.GetUserId(User);
        Editors = await directory.ListAsync(cancellationToken);
    }

    public sealed class AddEditorInput
    {
        [Required(ErrorMessage = "Enter the new editor's email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address, like name@example.org.")]
        [StringLength(EditorAccounts.EmailMaxLength, ErrorMessage = "An email address can be at most {1} characters long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Display(Name = "Role")]
        [RegularExpression("^(Editor|Admin)$", ErrorMessage = "Choose Editor or Admin.")]
        public string Role { get; set; } = EditorRoles.Editor;

        [DataType(DataType.Password)]
        [StringLength(EditorAccounts.PasswordMaxLength, ErrorMessage = "A password can be at most {1} characters long.")]
        [Display(Name = "Password (leave empty to generate one)")]
        public string? Password { get; set; }
    }
}
