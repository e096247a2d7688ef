/** What every form says about a value it cannot take (src/domain/fields.ts), and the unexpected error. */
export const input = {
  notText: 'Trường này phải là một đoạn chữ.',
  controlCharacters: 'Trường này chứa ký tự điều khiển (như ký tự NUL) không được phép; hãy gõ lại hoặc dán dưới dạng văn bản thuần.',
  tooLong: 'Nội dung quá dài: tối đa {max} ký tự.',
  tooLongDropped: 'Nội dung quá dài: tối đa {max} ký tự. Ô này nhận được khoảng {size} nên nội dung không được giữ lại; hãy nhập lại.',
  bodyTooLarge: 'Biểu mẫu gửi quá lớn: tối đa {limit} cho cả biểu mẫu. Nội dung dài nhất không được giữ lại; hãy nhập lại.',
  bodyTooLargeField: 'Nội dung quá dài: cả biểu mẫu gửi được tối đa {limit}; ô này nhận được khoảng {size} nên không được giữ lại; hãy nhập lại.',
  id: 'Lựa chọn không hợp lệ: hãy chọn lại từ danh sách.',
  day: 'Ngày không có thật hoặc nằm ngoài khoảng 1900–2100: nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2026.',
  /** Beside every date field (src/components/Field.astro). */
  dayFormat: 'Nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2026.',
  url: 'Đường dẫn phải bắt đầu bằng https:// hoặc http://.',
  wholeNumber: 'Nhập một số nguyên bằng chữ số thập phân (ví dụ 7), không dấu cách, không dạng 0x5 hay 1e1.',
  unexpected: 'Hệ thống gặp lỗi ngoài dự kiến nên chưa lưu được. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị viên mã yêu cầu {requestId}.',
  requestId: 'Mã yêu cầu: {requestId}',
};
