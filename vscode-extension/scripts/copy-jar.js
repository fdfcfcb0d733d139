// Copies the Maven-built server (../cli/target/oss.jar, a shaded jar) into
// server/oss.jar, which the .vsix carries. Run the Maven build first.
const fs = require('fs');
const path = require('path');
const from = path.resolve(__dirname, '..', '..', 'cli', 'target', 'oss.jar');
const to = path.resolve(__dirname, '..', 'server', 'oss.jar');
if (!fs.existsSync(from)) {
  console.error(`no ${from}: build it first (mvn -q -o package -DskipTests at the repository root)`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(to), { recursive: true });
fs.copyFileSync(from, to);
console.log(`copied ${from} -> ${to} (${fs.statSync(to).size} bytes)`);
