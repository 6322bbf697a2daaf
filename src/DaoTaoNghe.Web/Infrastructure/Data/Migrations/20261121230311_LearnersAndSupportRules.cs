using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Infrastructure.Data.Migrations;

[DbContext(typeof(AppDbContext))]
[Migration("20261121230311_LearnersAndSupportRules")]
public sealed class LearnersAndSupportRules : ScriptMigration;
