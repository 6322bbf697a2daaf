using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>
/// Applies the pending migrations, each in its own transaction on both databases. SQLite rebuilds a table to change
/// a column or add a foreign key, and its procedure for that needs foreign keys off, which cannot be switched inside
/// a transaction: so SQLite migrates on a connection with foreign keys off throughout, and a foreign-key check
/// afterwards refuses to start on a migration that broke a link. (Switched inside the migration instead, EF would run
/// the rebuild in several transactions, and a stop in between would leave the schema half changed.)
/// </summary>
public static class SchemaMigration
{
    public static async Task MigrateAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = 0;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            var broken = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT \"table\" AS \"Value\" FROM pragma_foreign_key_check")
                .ToListAsync(cancellationToken);
            if (broken.Count > 0)
                throw new StartupRefusedException(
                    $"Sau khi cập nhật cấu trúc, các bảng {string.Join(", ", broken)} có dòng trỏ tới bản ghi không tồn tại; hãy khôi phục bản sao lưu và báo nhóm phát triển. " +
                    $"(Foreign keys broken by a migration in: {string.Join(", ", broken)}.)");
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = 1;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
