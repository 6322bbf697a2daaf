using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Infrastructure.Data.Migrations;

[DbContext(typeof(AppDbContext))]
[Migration("20261121230824_PlansAndReports")]
public sealed class PlansAndReports : ScriptMigration;
