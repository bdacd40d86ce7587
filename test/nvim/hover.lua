-- Headless Neovim as a second, unrelated LSP client (its built-in client, Neovim 0.7+):
-- start kalloc-lens-server over stdio, open a file, ask for a hover at a position and write
-- the hover's text to $KALLOC_OUT, and the target the server announced (kalloc-lens/target, as
-- JSON) to $KALLOC_TARGET_OUT when set. Driven by test/nvim/neovim.test.ts.
local server, file, root, out = vim.env.KALLOC_SERVER, vim.env.KALLOC_FILE, vim.env.KALLOC_ROOT, vim.env.KALLOC_OUT
local target_out = vim.env.KALLOC_TARGET_OUT
local target = nil
local line, col = tonumber(vim.env.KALLOC_LINE), tonumber(vim.env.KALLOC_COL)

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'kalloc-lens',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  handlers = {
    ['kalloc-lens/target'] = function(_, result)
      target = result
    end,
  },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local text = nil
vim.wait(20000, function()
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = col } }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 2000)
  for _, response in pairs(responses or {}) do
    local result = response.result
    if result and result.contents and result.contents.value then
      text = result.contents.value
      return true
    end
  end
  return false
end, 100)

local f = assert(io.open(out, 'w'))
f:write(text or 'NO HOVER')
f:close()
if target_out then
  local t = assert(io.open(target_out, 'w'))
  t:write(target and vim.fn.json_encode(target) or 'NO TARGET')
  t:close()
end
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
