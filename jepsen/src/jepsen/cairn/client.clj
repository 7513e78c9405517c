(ns jepsen.cairn.client
  "Cairn's HTTP API as the workloads use it (docs/api.md), and the mapping of
  its answers onto Jepsen's op types.

  The mapping follows what each answer proves about the database:

    2xx                            :ok    the operation happened
    503 outcome failed             :fail  nothing was written
    connection refused             :fail  the request never reached a node
    503 outcome indeterminate      :info  a write may still be applied
    timeout on a write             :info  likewise: it may have been applied
    anything going wrong on a read :fail  a read changes nothing"
  (:require [cheshire.core :as json]
            [clj-http.client :as http])
  (:import (java.io IOException)
           (java.net ConnectException SocketTimeoutException)
           (java.nio.charset StandardCharsets)
           (java.util Base64)
           (org.apache.http.conn ConnectTimeoutException)))

(def http-port
  "The client HTTP port every node listens on (conf/cairn.yaml's default)."
  8098)

(def bucket
  "The bucket every workload writes to."
  "jepsen")

(def connect-timeout-ms 1000)

(def socket-timeout-ms
  "Longer than the node's own request timeout (timeouts.request-ms, 5 s), so
  that a coordinator normally answers with its own outcome; a paused node never
  answers and this timeout fires instead."
  10000)

(defn base-url [node]
  (str "http://" node ":" http-port))

(defn key-url [node k]
  (str (base-url node) "/v1/buckets/" bucket "/keys/" k))

(defn- utf8 ^String [^bytes bs]
  (String. bs StandardCharsets/UTF_8))

(defn- request
  "Performs an HTTP request and returns the response whatever its status: the
  status codes are interpreted by the callers, not turned into exceptions."
  [req]
  (http/request (merge {:throw-exceptions   false
                        :as                 :byte-array
                        :connection-timeout connect-timeout-ms
                        :socket-timeout     socket-timeout-ms}
                       req)))

(defn- body-json [resp]
  (try (json/parse-string (utf8 (:body resp)))
       (catch Exception _ nil)))

(defn- unavailable!
  "Throws for a 503. Its JSON says whether a write was applied nowhere
  (\"failed\") or may have been (\"indeterminate\"); a 503 without an outcome
  (admission control) is left unknown, and unknown counts as indeterminate."
  [resp]
  (let [body (body-json resp)]
    (throw (ex-info (str "unavailable: " (get body "error"))
                    {:type    ::unavailable
                     :outcome (some-> (get body "outcome") keyword)
                     :error   (get body "error")}))))

(defn- unexpected! [resp]
  (throw (ex-info (str "unexpected status " (:status resp))
                  {:type   ::unexpected-status
                   :status (:status resp)
                   :body   (some-> (:body resp) utf8)})))

(defn context-of [resp]
  (get-in resp [:headers "x-cairn-context"]))

(defn get-key
  "Reads key k through node. Returns {:values [string ...], :context ctx}:
  one value for a 200, every sibling for a 300, none for a 404. With
  {:local? true} reads only node's own replica (?local=true) and returns nil
  when the node holds no copy of the key (409)."
  ([node k] (get-key node k {}))
  ([node k {:keys [local?]}]
   (let [resp (request {:method       :get
                        :url          (key-url node k)
                        :query-params (when local? {"local" "true"})})]
     (case (long (:status resp))
       200 {:values [(utf8 (:body resp))], :context (context-of resp)}
       300 (let [body (body-json resp)]
             {:values  (mapv (fn [sibling]
                               (utf8 (.decode (Base64/getDecoder)
                                              ^String (get sibling "value"))))
                             (get body "siblings"))
              :context (or (get body "context") (context-of resp))})
       404 {:values [], :context (context-of resp)}
       409 (if local? nil (unexpected! resp))
       503 (unavailable! resp)
       (unexpected! resp)))))

(defn put-key!
  "Writes value (a string) to key k through node, with the context of the
  read it replaces, or none for a blind write. Returns the new context. A 300
  means the write was applied next to siblings its context did not cover: a
  success too."
  [node k ^String value context content-type]
  (let [resp (request {:method  :put
                       :url     (key-url node k)
                       :headers (cond-> {"Content-Type" content-type}
                                  context (assoc "X-Cairn-Context" context))
                       :body    (.getBytes value StandardCharsets/UTF_8)})]
    (case (long (:status resp))
      (200 204 300) (context-of resp)
      503           (unavailable! resp)
      (unexpected! resp))))

(defn set-bucket-props!
  "Sets the workload bucket's properties on one node (they are held by the
  node that receives them)."
  [node props]
  (let [resp (request {:method  :put
                       :url     (str (base-url node) "/v1/buckets/" bucket "/props")
                       :headers {"Content-Type" "application/json"}
                       :body    (json/generate-string props)})]
    (when-not (<= 200 (:status resp) 299)
      (unexpected! resp))))

(defn ready?
  [node]
  (try (= 200 (:status (request {:method :get
                                 :url    (str (base-url node) "/ready")})))
       (catch Exception _ false)))

(defn await-ready!
  "Blocks until node answers /ready with 200, or throws after timeout-ms."
  [node timeout-ms]
  (let [deadline (+ (System/currentTimeMillis) timeout-ms)]
    (loop []
      (cond (ready? node)
            :ready

            (< (System/currentTimeMillis) deadline)
            (do (Thread/sleep 500) (recur))

            :else
            (throw (ex-info (str node " was not ready within " timeout-ms " ms")
                            {:type ::not-ready, :node node}))))))

(defmacro with-errors
  "Evaluates body, which returns the completed op, and turns what can go wrong
  into op's completion. write? says whether body may have changed the
  database: then an answer we never got leaves the outcome unknown (:info);
  for a read it is a :fail. A read-modify-write nests two of these: errors
  before the PUT is sent are :fail, errors of the PUT follow the write rules."
  [op write? & body]
  `(let [op#     ~op
         write?# ~write?
         maybe#  (if write?# :info :fail)]
     (try ~@body
          (catch ConnectException e#
            (assoc op# :type :fail, :error :connection-refused))
          (catch ConnectTimeoutException e#
            (assoc op# :type :fail, :error :connect-timeout))
          (catch SocketTimeoutException e#
            (assoc op# :type maybe#, :error :timeout))
          (catch clojure.lang.ExceptionInfo e#
            (let [data# (ex-data e#)]
              (case (:type data#)
                ::unavailable
                (assoc op#
                       :type  (if (= :failed (:outcome data#)) :fail maybe#)
                       :error [:unavailable (:outcome data#) (:error data#)])

                ; A 4xx (bad context, too large) is refused before anything
                ; is written; any other surprise may have been applied.
                ::unexpected-status
                (assoc op#
                       :type  (if (< (:status data#) 500) :fail maybe#)
                       :error [:status (:status data#) (:body data#)])

                (throw e#))))
          (catch IOException e#
            (assoc op# :type maybe#, :error [:io (.getMessage e#)])))))
