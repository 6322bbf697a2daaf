using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>Tells whoever started the app where to open it and, in Development, which demo accounts exist.</summary>
public static class StartupBanner
{
    public static void Print(IServiceProvider services, IHostEnvironment environment)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string>
        {
            "",
            "==============================================================",
            " DaoTaoNghe – Hệ thống quản lý đào tạo nghề cho lao động nông thôn",
            "==============================================================",
        };
        foreach (var address in addresses)
            lines.Add($" Mở trình duyệt tại / Open: {address.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost")}");

        if (environment.IsDevelopment())
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var names = DemoAccounts.All.Select(a => a.UserName).ToList();
            var existing = db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).Select(u => u.UserName!).ToHashSet();
            lines.Add($" Tài khoản demo (mật khẩu chung / password: {DemoSeeding.Password}):");
            foreach (var account in DemoAccounts.All.Where(a => existing.Contains(a.UserName)))
                lines.Add($"   {account.UserName,-16} {Roles.DisplayName(account.Role)} – {account.Organisation}");
        }
        lines.Add("==============================================================");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
