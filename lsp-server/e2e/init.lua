-- End-to-end harness: a real Neovim (0.7+) drives `oss lsp` as an editor would,
-- and writes what it saw to a JSON file for nvim-e2e.sh to assert on.
--
-- Run by lsp-server/e2e/nvim-e2e.sh; by hand:
--   OSS_E2E_FILE=examples/two-locks-opposite.oss OSS_E2E_OUT=/tmp/r.json \
--   OSS_E2E_CMD='["java","-jar","cli/target/oss.jar","lsp"]' \
--   nvim --headless --clean -u lsp-server/e2e/init.lua
--
-- The harness judges nothing itself: it records facts (what was published,
-- what each request answered, how long it took) and always quits, with exit
-- code 0 when it got to the end and 3 when the harness itself broke. Every
-- wait is bounded by OSS_E2E_WAIT_MS (default 30000 ms per phase).

local env = vim.env
local file, out, cmd = env.OSS_E2E_FILE, env.OSS_E2E_OUT, env.OSS_E2E_CMD
local cmd_ok
if cmd then
  cmd_ok, cmd = pcall(vim.json.decode, cmd)
end
if not (file and out and cmd_ok and type(cmd) == 'table') then
  -- An error at the top level would leave a headless Neovim waiting for input.
  io.stderr:write('nvim-e2e: set OSS_E2E_FILE, OSS_E2E_OUT and OSS_E2E_CMD (a JSON array)\n')
  vim.cmd('cquit 2')
end
local wait_ms = tonumber(env.OSS_E2E_WAIT_MS or '') or 30000
-- Where to hover: the first line matching this Lua pattern, at its first non-blank.
local hover_pattern = env.OSS_E2E_HOVER or '^%s*lock%s'

local uv = vim.loop
local t0 = uv.hrtime()
local function now_ms()
  return math.floor((uv.hrtime() - t0) / 1e6)
end

local function log(fmt, ...)
  io.stderr:write(string.format('[nvim-e2e %6d ms] ', now_ms()) .. string.format(fmt, ...) .. '\n')
end

-- JSON-safe copy: drops functions and userdata, turns vim.NIL into nothing.
local function clean(v, depth)
  depth = depth or 0
  if v == vim.NIL or depth > 12 then
    return nil
  end
  local t = type(v)
  if t == 'table' then
    local r = {}
    for k, x in pairs(v) do
      local c = clean(x, depth + 1)
      if c ~= nil then
        r[k] = c
      end
    end
    return r
  elseif t == 'string' or t == 'number' or t == 'boolean' then
    return v
  end
  return nil
end

local R = {
  file = file,
  cmd = cmd,
  nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  timings_ms = {},
  publications = {}, -- every textDocument/publishDiagnostics for our file, in order
  server_requests = {}, -- methods the server asked of the client
  log_messages = {}, -- window/logMessage and window/showMessage
  errors = {}, -- harness-side problems (timeouts, request failures)
  phase = 'open', -- 'edit' once the harness has changed the buffer
}

local function err(fmt, ...)
  local m = string.format(fmt, ...)
  table.insert(R.errors, m)
  log('problem: %s', m)
end

local function write_results()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(clean(R)))
  f:close()
end

-- Text of a Hover's contents, whatever shape the server chose.
local function hover_text(contents)
  if contents == nil or contents == vim.NIL then
    return ''
  end
  if type(contents) == 'string' then
    return contents
  end
  if contents.value ~= nil then
    return tostring(contents.value)
  end
  local parts = {}
  for _, c in ipairs(contents) do
    table.insert(parts, hover_text(c))
  end
  return table.concat(parts, '\n')
end

local function oss_codes(diags)
  local codes = {}
  for _, d in ipairs(diags or {}) do
    local c = d.code
    if type(c) == 'string' and c:match('^OSS%d%d%d%d$') then
      table.insert(codes, c)
    end
  end
  return codes
end

local client_for_cleanup = nil

local function main()
  -- No swap file (another Neovim on the same example would stop us with a prompt), no shada.
  vim.opt.swapfile = false
  vim.opt.shadafile = 'NONE'
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'oss'
  local uri = vim.uri_from_bufnr(bufnr)
  R.uri = uri
  local root = vim.fn.getcwd()

  local exited = nil
  local function record_request(method)
    return function(e, result, ctx, config)
      table.insert(R.server_requests, { method = method, t = now_ms() })
      local h = vim.lsp.handlers[method]
      if h then
        return h(e, result, ctx, config)
      end
      return vim.NIL
    end
  end
  local handlers = {
    ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
      if result and result.uri == uri then
        local diags = {}
        for _, d in ipairs(result.diagnostics or {}) do
          table.insert(diags, {
            code = d.code,
            severity = d.severity,
            message = d.message,
            source = d.source,
            line = d.range and d.range.start and d.range.start.line,
            character = d.range and d.range.start and d.range.start.character,
            related = d.relatedInformation and #d.relatedInformation or 0,
            href = d.codeDescription and d.codeDescription.href,
          })
        end
        table.insert(R.publications,
          { t = now_ms(), phase = R.phase, version = result.version, count = #diags, diagnostics = diags })
        log('publishDiagnostics v%s: %d diagnostic(s) %s', tostring(result.version), #diags,
          table.concat(oss_codes(diags), ' '))
      end
      return vim.lsp.handlers['textDocument/publishDiagnostics'](e, result, ctx, config)
    end,
    ['window/logMessage'] = function(_, result)
      table.insert(R.log_messages, { type = result and result.type, message = result and result.message })
    end,
    ['window/showMessage'] = function(_, result)
      table.insert(R.log_messages, { type = result and result.type, message = result and result.message, shown = true })
    end,
  }
  for _, m in ipairs({ 'client/registerCapability', 'workspace/configuration', 'window/workDoneProgress/create',
    'workspace/applyEdit', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh',
    'workspace/inlayHint/refresh', 'workspace/diagnostic/refresh' }) do
    handlers[m] = record_request(m)
  end

  local client_id = vim.lsp.start_client({
    name = 'oss',
    cmd = cmd,
    root_dir = root,
    handlers = handlers,
    on_exit = function(code, signal)
      exited = { code = code, signal = signal, t = now_ms() }
      log('server exited: code %s signal %s', tostring(code), tostring(signal))
    end,
  })
  if not client_id then
    err('vim.lsp.start_client failed for %s', vim.inspect(cmd))
    return
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  client_for_cleanup = function()
    if exited == nil then
      client.stop(true)
      vim.wait(2000, function() return exited ~= nil end, 20)
    end
  end

  -- 1. initialize
  local ok = vim.wait(wait_ms, function()
    return client.initialized or exited ~= nil
  end, 20)
  R.initialized = client.initialized == true
  R.timings_ms.initialize = now_ms()
  if not R.initialized then
    err('no initialize result within %d ms%s', wait_ms, exited and ' (the server exited)' or '')
    R.exit = exited
    return
  end
  R.capabilities = clean(client.server_capabilities)
  log('initialized; capabilities: %s', table.concat(vim.tbl_keys(R.capabilities or {}), ' '))

  -- 2. diagnostics: the first publication carrying an OSS code, then (bounded) one with a
  --    deep-tier code (OSS2xxx/OSS3xxx: the run, the explorer, the expectations).
  local function has_code(pred)
    for _, p in ipairs(R.publications) do
      for _, c in ipairs(oss_codes(p.diagnostics)) do
        if pred(c) then
          return true
        end
      end
    end
    return false
  end
  ok = vim.wait(wait_ms, function()
    return has_code(function() return true end) or exited ~= nil
  end, 20)
  if has_code(function() return true end) then
    R.timings_ms.first_oss_code = now_ms()
  else
    err('no publishDiagnostics with an OSS code within %d ms', wait_ms)
  end
  vim.wait(wait_ms, function()
    return has_code(function(c) return c:match('^OSS[23]') ~= nil end) or exited ~= nil
  end, 20)
  if has_code(function(c) return c:match('^OSS[23]') ~= nil end) then
    R.timings_ms.deep_oss_code = now_ms()
  else
    err('no publishDiagnostics with a deep-tier code (OSS2xxx/OSS3xxx) within %d ms', wait_ms)
  end
  -- Did nvim itself take the diagnostics in (vim.diagnostic, what the user sees)?
  R.nvim_diagnostics = #vim.diagnostic.get(bufnr)

  -- 3. hover at a statement
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local hline, hcol
  for i, l in ipairs(lines) do
    if l:match(hover_pattern) then
      hline, hcol = i - 1, (l:find('%S') or 1) - 1
      break
    end
  end
  R.hover = { pattern = hover_pattern }
  if hline == nil then
    err('no line matches the hover pattern %q', hover_pattern)
  else
    R.hover.line, R.hover.character, R.hover.source = hline, hcol, lines[hline + 1]
    local params = { textDocument = { uri = uri }, position = { line = hline, character = hcol } }
    -- The deep tier's facts may arrive after the diagnostics: ask until the hover has text.
    local deadline = now_ms() + wait_ms
    local attempts = 0
    repeat
      attempts = attempts + 1
      local started = now_ms()
      local res, reason = client.request_sync('textDocument/hover', params, wait_ms, bufnr)
      R.hover.latency_ms = now_ms() - started
      if res == nil then
        R.hover.failure = tostring(reason)
      elseif res.err then
        R.hover.error = clean(res.err)
      else
        R.hover.text = res.result and hover_text(res.result.contents) or ''
        R.hover.kind = res.result and type(res.result.contents) == 'table' and res.result.contents.kind or nil
      end
      if (R.hover.text or '') ~= '' then
        break
      end
      vim.wait(250, function() return exited ~= nil end, 20)
    until now_ms() > deadline or exited ~= nil
    R.hover.attempts = attempts
    log('hover at %d:%d (%s): %d attempt(s), %d chars', hline + 1, hcol + 1, lines[hline + 1],
      attempts, #(R.hover.text or ''))
  end

  -- 3b. hover on a data variable where a process uses it: what it read and wrote there in the run
  R.data_hover = {}
  local var
  for _, l in ipairs(lines) do
    var = l:match('^%s*int%s+([%a_][%w_]*)')
    if var then
      break
    end
  end
  if var == nil then
    R.data_hover.skipped = 'no int variable in the file'
  else
    local inside, dline, dcol = false, nil, nil
    for i, l in ipairs(lines) do
      if l:match('^%s*process%s') then
        inside = true
      elseif inside and not l:match('^%s*int%s') and not l:match('^%s*expect%s') and not l:match('^%s*//') then
        local at = l:find('%f[%w_]' .. var .. '%f[^%w_]')
        if at then
          dline, dcol = i - 1, at - 1
          break
        end
      end
    end
    R.data_hover.variable = var
    if dline == nil then
      err('no statement in a process uses the variable %s', var)
    else
      R.data_hover.line, R.data_hover.character, R.data_hover.source = dline, dcol, lines[dline + 1]
      local params = { textDocument = { uri = uri }, position = { line = dline, character = dcol } }
      local deadline = now_ms() + wait_ms
      local attempts = 0
      repeat
        attempts = attempts + 1
        local res = client.request_sync('textDocument/hover', params, wait_ms, bufnr)
        R.data_hover.text = res and not res.err and res.result and hover_text(res.result.contents) or ''
        -- the values come with the deep tier: ask until they are there
        if R.data_hover.text:match('read') or R.data_hover.text:match('wrote') then
          break
        end
        vim.wait(250, function() return exited ~= nil end, 20)
      until now_ms() > deadline or exited ~= nil
      R.data_hover.attempts = attempts
      log('data hover on %s at %d:%d: %d attempt(s), %d chars', var, dline + 1, dcol + 1, attempts,
        #R.data_hover.text)
    end
  end

  -- 4. code lenses, resolved when the server resolves them lazily
  R.codelens = { lenses = {} }
  R.expect_lines = {}
  for i, l in ipairs(lines) do
    if l:match('^%s*expect%s') then
      table.insert(R.expect_lines, i - 1)
    end
  end
  -- Lenses on expect lines come with the deep tier: ask again until every expect line has one.
  local function covers_expectations(list)
    local on = {}
    for _, lens in ipairs(list) do
      if lens.range and lens.range.start then
        on[lens.range.start.line] = true
      end
    end
    for _, l in ipairs(R.expect_lines) do
      if not on[l] then
        return false
      end
    end
    return true
  end
  do
    local params = { textDocument = { uri = uri } }
    local deadline = now_ms() + wait_ms
    local attempts = 0
    local list
    repeat
      attempts = attempts + 1
      local started = now_ms()
      local res, reason = client.request_sync('textDocument/codeLens', params, wait_ms, bufnr)
      R.codelens.latency_ms = now_ms() - started
      list = nil
      if res == nil then
        R.codelens.failure = tostring(reason)
      elseif res.err then
        R.codelens.error = clean(res.err)
      else
        list = res.result
      end
      if type(list) == 'table' and #list > 0 and covers_expectations(list) then
        break
      end
      vim.wait(250, function() return exited ~= nil end, 20)
    until now_ms() > deadline or exited ~= nil
    R.codelens.attempts = attempts
    local resolve = R.capabilities and R.capabilities.codeLensProvider
      and R.capabilities.codeLensProvider.resolveProvider
    for _, lens in ipairs(type(list) == 'table' and list or {}) do
      if (lens.command == nil or lens.command == vim.NIL) and resolve then
        local res = client.request_sync('codeLens/resolve', lens, wait_ms, bufnr)
        if res and res.result then
          lens = res.result
        end
      end
      local command = lens.command ~= vim.NIL and lens.command or nil
      table.insert(R.codelens.lenses, {
        line = lens.range and lens.range.start and lens.range.start.line,
        title = command and command.title,
        command = command and command.command,
      })
    end
    log('codeLens: %d lens(es) after %d attempt(s)', #R.codelens.lenses, attempts)
  end

  -- 5. an edit: rename one use of a lock (or a kill's target) to an undeclared name; the server must
  --    publish OSS1101 (unknown name) for the new version.
  if hline ~= nil then
    local line = lines[hline + 1]
    local broken, n = line:gsub('(lock%s+)([%w_]+)', '%1no_such_lock', 1)
    if n == 0 then -- a hover on a kill (OSS_E2E_HOVER): its target, which is OSS1101 too
      broken = line:gsub('(kill%s+)([%w_]+)', '%1no_such_task', 1)
    end
    local before = #R.publications
    R.phase = 'edit'
    vim.api.nvim_buf_set_lines(bufnr, hline, hline + 1, false, { broken })
    local version = vim.lsp.util.buf_versions[bufnr]
    R.edit = { line = hline, text = broken, version = version }
    local started = now_ms()
    vim.wait(wait_ms, function()
      for i = before + 1, #R.publications do
        for _, c in ipairs(oss_codes(R.publications[i].diagnostics)) do
          if c == 'OSS1101' then
            return true
          end
        end
      end
      return exited ~= nil
    end, 20)
    -- Let a late (stale) publication for the old version show itself, if the server sends one.
    vim.wait(1500, function() return exited ~= nil end, 20)
    R.edit.published = #R.publications - before
    for i = before + 1, #R.publications do
      for _, c in ipairs(oss_codes(R.publications[i].diagnostics)) do
        if c == 'OSS1101' then
          R.edit.unknown_name_ms = R.publications[i].t - started
          R.edit.unknown_name_version = R.publications[i].version
        end
      end
    end
    log('edit: %d publication(s) after the change; OSS1101 %s', R.edit.published,
      R.edit.unknown_name_ms and ('after ' .. R.edit.unknown_name_ms .. ' ms') or 'not seen')
  end

  -- 5b. completion where the user types: at the end of the first match of OSS_E2E_COMPLETE
  --     (a Lua pattern, e.g. '^%s*kill%s+%w+%s' puts the cursor after `kill racy `); unset: skipped
  R.completion = {}
  local complete_pattern = env.OSS_E2E_COMPLETE
  if complete_pattern == nil or complete_pattern == '' then
    R.completion.skipped = 'OSS_E2E_COMPLETE not set'
  else
    R.completion.pattern = complete_pattern
    local clines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    for i, l in ipairs(clines) do
      local _, e = l:find(complete_pattern)
      if e then
        R.completion.line, R.completion.character, R.completion.source = i - 1, e, l:sub(1, e)
        break
      end
    end
    if R.completion.line == nil then
      err('no line matches the completion pattern %q', complete_pattern)
    else
      local res, reason = client.request_sync('textDocument/completion', { textDocument = { uri = uri },
        position = { line = R.completion.line, character = R.completion.character } }, wait_ms, bufnr)
      if res == nil or res.err then
        R.completion.failure = res and clean(res.err) or tostring(reason)
      else
        local items = res.result and (res.result.items or res.result) or {}
        R.completion.labels = {}
        for _, it in ipairs(items) do
          table.insert(R.completion.labels, it.label)
        end
      end
      log('completion after %q: %d item(s)', R.completion.source, #(R.completion.labels or {}))
    end
  end

  -- 6. bad input: a hover far outside the document must get an answer (a result or an
  --    error response), and the server must live on.
  do
    local res, reason = client.request_sync('textDocument/hover',
      { textDocument = { uri = uri }, position = { line = 100000, character = 5 } }, wait_ms, bufnr)
    R.bad_hover = {
      answered = res ~= nil,
      error = res and clean(res.err),
      failure = res == nil and tostring(reason) or nil,
    }
    local res2 = client.request_sync('textDocument/hover',
      { textDocument = { uri = 'file:///no/such/file.oss' }, position = { line = 0, character = 0 } }, wait_ms, bufnr)
    R.unknown_doc_hover = { answered = res2 ~= nil, error = res2 and clean(res2.err) }
    R.alive_after_bad_input = exited == nil and not client.is_stopped()
  end

  -- 7. shutdown and exit: the server must leave by itself, with code 0
  local started = now_ms()
  client.stop()
  vim.wait(wait_ms, function() return exited ~= nil end, 20)
  R.timings_ms.shutdown = now_ms() - started
  if exited == nil then
    err('the server did not exit within %d ms of shutdown/exit; killing it', wait_ms)
    client.stop(true)
    vim.wait(2000, function() return exited ~= nil end, 20)
  end
  R.exit = exited
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, e = xpcall(main, debug.traceback)
      if not ok then
        R.harness_error = tostring(e)
        log('harness error: %s', tostring(e))
      end
      if client_for_cleanup then
        pcall(client_for_cleanup) -- never leave a server running behind an early return
      end
      R.timings_ms.total = now_ms()
      local wok, we = pcall(write_results)
      if not wok then
        log('could not write %s: %s', out, tostring(we))
      end
      vim.cmd((ok and wok) and 'qall!' or 'cquit 3')
    end)
  end,
})
