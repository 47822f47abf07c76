using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>An editor changes their own password; their other sessions end at their next security check.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ChangePasswordModel(UserManager<EditorUser> users, EditorSignInManager signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public int RequiredLength { get; } = 12;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "This is not your current password." : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(AuditActions.PasswordChanged, user.Email, user.Email, null, cancellationToken);
        Changed = true;
        Input = new ChangePasswordInput();
        ModelState.Clear();
        return Page();
    }

    public sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(EditorAccounts.PasswordMaxLength, ErrorMessage = "A password can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(EditorAccounts.PasswordMaxLength, ErrorMessage = "A password can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        [StringLength(EditorAccounts.PasswordMaxLength, ErrorMessage = "A password can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
        [Display(Name = "New password, again")]
        public string ConfirmPassword { get; set; } = "";
    }
}
