;;; eglot-e2e.el --- oss lsp under Emacs's own LSP client, eglot, in batch mode  -*- lexical-binding: t -*-

;; Run by emacs-e2e.sh as
;;   emacs --batch -l lsp-server/e2e/eglot-e2e.el
;; with OSS_E2E_FILE (the .oss file), OSS_E2E_OUT (the JSON written here),
;; OSS_E2E_CMD (the server's command line, one JSON array) and OSS_E2E_WAIT_MS.
;; It judges nothing: it records what eglot received and emacs-e2e.sh asserts.
;; `eglot-ensure' waits for a command loop that batch mode never runs, so the
;; client is started with (apply #'eglot (eglot--guess-contact)), inside the
;; repository (a git directory, eglot's project).

(require 'package)
(package-initialize)
(require 'json)
(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(define-derived-mode oss-mode prog-mode "oss"
  "A minimal major mode for .oss scenarios: enough for eglot to manage the buffer.")

(defvar oss-e2e-results (list :publications nil :errors nil))
(defvar oss-e2e-start (float-time))

(defun oss-e2e-ms () (round (* 1000 (- (float-time) oss-e2e-start))))

(defun oss-e2e-put (key value)
  (setq oss-e2e-results (plist-put oss-e2e-results key value)))

(defun oss-e2e-error (fmt &rest args)
  (oss-e2e-put :errors (append (plist-get oss-e2e-results :errors) (list (apply #'format fmt args)))))

(defun oss-e2e-write ()
  ;; lists of plists would encode as objects: the arrays go out as vectors
  (oss-e2e-put :publications (vconcat (plist-get oss-e2e-results :publications)))
  (oss-e2e-put :errors (vconcat (plist-get oss-e2e-results :errors)))
  (let ((json-encoding-pretty-print t)
        (json-false :json-false))
    (with-temp-file (getenv "OSS_E2E_OUT")
      (insert (json-encode oss-e2e-results)))))

(defun oss-e2e-wait (pred ms)
  "Lets the server's messages in until PRED holds or MS milliseconds passed; PRED's last value."
  (let ((deadline (+ (float-time) (/ ms 1000.0))) (v nil))
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

;; Every publishDiagnostics, as the server sent it (eglot hands them to flymake afterwards).
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (oss-e2e-put :publications
               (append (plist-get oss-e2e-results :publications)
                       (list (list :uri uri :at_ms (oss-e2e-ms)
                                   :diagnostics
                                   (vconcat (mapcar (lambda (d)
                                                      (list :code (plist-get d :code)
                                                            :severity (plist-get d :severity)
                                                            :line (plist-get (plist-get (plist-get d :range) :start) :line)
                                                            :message (plist-get d :message)
                                                            :related (length (plist-get d :relatedInformation))))
                                                    diagnostics)))))))

(defun oss-e2e-codes ()
  (cl-loop for p in (plist-get oss-e2e-results :publications)
           append (cl-loop for d across (plist-get p :diagnostics)
                           for c = (plist-get d :code)
                           when (and (stringp c) (string-match-p "^OSS[0-9]\\{4\\}$" c)) collect c)))

(defun oss-e2e-hover-text (contents)
  (cond ((stringp contents) contents)
        ((and (listp contents) (plist-get contents :value)) (plist-get contents :value))
        ((vectorp contents) (mapconcat #'oss-e2e-hover-text contents "\n"))
        (t "")))

(condition-case err
    (let* ((file (expand-file-name (getenv "OSS_E2E_FILE")))
           (cmd (append (json-read-from-string (getenv "OSS_E2E_CMD")) nil))
           (wait (string-to-number (or (getenv "OSS_E2E_WAIT_MS") "30000")))
           (eglot-sync-connect wait)
           (eglot-connect-timeout (/ wait 1000))
           (eglot-autoshutdown nil))
      (add-to-list 'auto-mode-alist '("\\.oss\\'" . oss-mode))
      (add-to-list 'eglot-server-programs (cons 'oss-mode cmd))
      (oss-e2e-put :emacs emacs-version)
      (oss-e2e-put :eglot (if (boundp 'eglot-version) eglot-version "1.9"))
      (find-file file)
      (apply #'eglot (eglot--guess-contact))
      (let ((server (oss-e2e-wait #'eglot-current-server wait)))
        (unless server (error "eglot did not connect within %d ms" wait))
        (oss-e2e-put :initialized t)
        (oss-e2e-put :initialize_ms (oss-e2e-ms))
        (let ((caps (eglot--capabilities server)))
          (oss-e2e-put :hover_provider (and (plist-get caps :hoverProvider) t))
          (oss-e2e-put :codelens_provider (and (plist-get caps :codeLensProvider) t)))
        ;; 1. diagnostics: wait for a code of the run, the explorer or the expectations (the deep tier)
        (oss-e2e-wait (lambda () (cl-some (lambda (c) (string-match-p "^OSS[23]" c)) (oss-e2e-codes))) wait)
        (oss-e2e-put :codes (vconcat (delete-dups (oss-e2e-codes))))
        ;; what the user sees: flymake's diagnostics in the buffer
        (flymake-start)
        (oss-e2e-wait (lambda () (flymake-diagnostics)) 5000)
        (oss-e2e-put :flymake_diagnostics (length (flymake-diagnostics)))
        ;; 2. a hover at the first `lock' (or `kill') statement, asked until it tells the run's facts
        (goto-char (point-min))
        (if (not (re-search-forward "^[ \t]*\\(lock\\|kill\\)[ \t]" nil t))
            (oss-e2e-error "no `lock' or `kill' line to hover")
          (back-to-indentation)
          (oss-e2e-put :hover_line (1- (line-number-at-pos)))
          (oss-e2e-put :hover_source (buffer-substring-no-properties (point) (line-end-position)))
          (let ((text (oss-e2e-wait
                       (lambda ()
                         (let* ((h (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
                                (s (and h (oss-e2e-hover-text (plist-get h :contents)))))
                           (and s (string-match-p "(pid [0-9]+)" s) s)))
                       wait)))
            (oss-e2e-put :hover (or text ""))))
        ;; 2b. completion where a user types the signal of a kill, through eglot's own
        ;; completion-at-point function (what M-TAB calls), with point after `kill TARGET '
        (goto-char (point-min))
        (when (re-search-forward "^[ \t]*kill[ \t]+[A-Za-z0-9_]+[ \t]" nil t)
          (oss-e2e-put :completion_source (buffer-substring-no-properties (line-beginning-position) (point)))
          (let* ((capf (eglot-completion-at-point))
                 (labels (and capf (all-completions "" (nth 2 capf)))))
            (oss-e2e-put :completion (vconcat labels))))
        ;; 3. code lenses (eglot shows none itself; the request is what any client sends)
        (let ((lenses (oss-e2e-wait
                       (lambda ()
                         (let ((ls (jsonrpc-request server :textDocument/codeLens
                                                    (list :textDocument (eglot--TextDocumentIdentifier)))))
                           (and (> (length ls) 0) ls)))
                       wait)))
          (oss-e2e-put :lenses
                       (vconcat (mapcar (lambda (l)
                                          (let ((l (if (plist-get l :command) l
                                                     (jsonrpc-request server :codeLens/resolve l))))
                                            (list :line (plist-get (plist-get (plist-get l :range) :start) :line)
                                                  :title (or (plist-get (plist-get l :command) :title) ""))))
                                        lenses))))
        ;; 4. shutdown and exit, as eglot-shutdown sends them; it would then kill the process
        ;; at once, so the server is given 10 s to exit by itself and its status recorded
        (let ((proc (jsonrpc--process server)))
          (jsonrpc-request server :shutdown nil)
          (jsonrpc-notify server :exit nil)
          (oss-e2e-wait (lambda () (not (process-live-p proc))) 10000)
          (oss-e2e-put :shutdown t)
          (oss-e2e-put :exit_code (if (process-live-p proc) -1 (process-exit-status proc))))))
  (error (oss-e2e-put :harness_error (error-message-string err))))
(oss-e2e-put :done_ms (oss-e2e-ms))
(oss-e2e-write)
(kill-emacs 0)
