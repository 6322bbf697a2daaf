using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Data.Migrations;

[DbContext(typeof(global::DaoTaoNghe.Data.AppDbContext))]
[Migration("20261206174922_LearnerRegisteredCommune")]
public sealed class LearnerRegisteredCommune : ScriptMigration;
