using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Infrastructure.Data.Migrations;

[DbContext(typeof(AppDbContext))]
[Migration("20261121222524_Foundation")]
public sealed class Foundation : ScriptMigration;
