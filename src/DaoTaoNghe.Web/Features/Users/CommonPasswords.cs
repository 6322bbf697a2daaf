using Microsoft.AspNetCore.Identity;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// Outside Development a password must be at least <see cref="ProductionLength"/> characters and not
/// one of the passwords tried first by anyone guessing (the shipped list, the demo password among
/// them). Development keeps Identity's rules so the demo accounts work.
/// </summary>
public sealed class CommonPasswords(IHostEnvironment environment) : IPasswordValidator<AppUser>
{
    public const int ProductionLength = 10;

    private static readonly Lazy<HashSet<string>> List = new(() =>
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word && !word.StartsWith('#')) words.Add(word);
        return words;
    });

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (environment.IsDevelopment() || password is null) return Task.FromResult(IdentityResult.Success);
        if (IsCommon(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordCommon",
                Description = "Mật khẩu này quá phổ biến (nằm trong danh sách mật khẩu hay bị dò đầu tiên). Hãy chọn mật khẩu khác, ví dụ một câu ngắn dễ nhớ.",
            }));
        return Task.FromResult(IdentityResult.Success);
    }
}
